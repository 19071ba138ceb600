package io.minikv.net.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The library registry and the FUNCTION DUMP payload: loading and replacing, the one case-insensitive namespace of
 * functions, restore policies, and the payload's CRC-64, string forms and refusals.
 */
class FunctionsTest {
    private static final String LIB_A = "#!lua name=a\nredis.register_function('fa', function() return 1 end)";
    private static final String LIB_B = "#!lua name=b\nredis.register_function('fb', function() return 2 end)";

    private static byte[] b(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldLoadReplaceAndRefuseCollisionsWithoutChangingAnything() {
        final Functions functions = new Functions("7.0.15");
        final String[] error = new String[1];
        assertThat(functions.load(b(LIB_A), false, error)).isEqualTo("a");
        assertThat(functions.function("FA").library().name()).isEqualTo("a");
        assertThat(functions.load(b(LIB_A), false, error)).isNull();
        assertThat(error[0]).isEqualTo("ERR Library 'a' already exists");
        assertThat(functions.load(b("#!lua name=c\nredis.register_function('FA', function() end)"), false, error))
            .isNull();
        assertThat(error[0]).isEqualTo("ERR Function FA already exists");
        assertThat(functions.load(b("#!lua name=c\nredis.register_function('x', function() end)\n"
            + "redis.register_function('X', function() end)"), false, error)).isNull();
        assertThat(error[0]).isEqualTo("ERR Error registering functions: ERR Function already exists in the library");
        assertThat(functions.load(b("#!lua name=a\nredis.register_function('fa2', function() end)"), true, error))
            .isEqualTo("a");
        assertThat(functions.function("fa")).isNull();
        assertThat(functions.functionCount()).isEqualTo(1);
        assertThat(functions.delete("A")).isFalse();
        assertThat(functions.delete("a")).isTrue();
        assertThat(functions.libraries()).isEmpty();
    }

    @Test
    void shouldRoundTripDumpAndApplyRestorePolicies() {
        final Functions functions = new Functions("7.0.15");
        final String[] error = new String[1];
        functions.load(b(LIB_A), false, error);
        functions.load(b(LIB_B), false, error);
        final byte[] dump = FunctionPayload.dump(functions.libraries());
        final List<byte[]> codes = FunctionPayload.parse(dump, error);
        assertThat(codes).hasSize(2);
        assertThat(new String(codes.get(0), StandardCharsets.UTF_8)).isEqualTo(LIB_A);
        assertThat(functions.restore(codes, false, false, error)).isFalse();
        assertThat(error[0]).isEqualTo("ERR Library a already exists");
        assertThat(functions.restore(codes, false, true, error)).isTrue();
        functions.flush();
        functions.load(b("#!lua name=c\nredis.register_function('fa', function() end)"), false, error);
        assertThat(functions.restore(codes, false, true, error)).isFalse();
        assertThat(error[0]).isEqualTo("ERR Function fa already exists");
        assertThat(functions.libraries()).extracting(Functions.Library::name).containsExactly("c");
        assertThat(functions.restore(codes, true, false, error)).isTrue();
        assertThat(functions.libraries()).extracting(Functions.Library::name).containsExactly("a", "b");
    }

    @Test
    void shouldComputeRedisCrc64() {
        assertThat(io.minikv.engine.rdb.Crc64.crc64(b("123456789"), 9)).isEqualTo(0xe9c6d914c4b8d9caL);
    }

    @Test
    void shouldReadEveryRdbStringForm() {
        final String[] error = new String[1];
        // An LZF string ("aaaaaaaaaa...": a literal then a back reference) and an integer string, each checked.
        final byte[] lzf = {(byte) 0xf5, (byte) 0xc3, 5, 30, 0, 'a', (byte) 0xe0, 20, 0};
        final List<byte[]> codes = FunctionPayload.parse(withFooter(lzf), error);
        assertThat(codes).hasSize(1);
        assertThat(new String(codes.get(0), StandardCharsets.US_ASCII)).isEqualTo("a".repeat(30));
        final byte[] integer = {(byte) 0xf5, (byte) 0xc1, (byte) 0x39, 0x30};
        assertThat(new String(FunctionPayload.parse(withFooter(integer), error).get(0), StandardCharsets.US_ASCII))
            .isEqualTo("12345");
    }

    @Test
    void shouldRefuseBadPayloads() {
        final String[] error = new String[1];
        assertThat(FunctionPayload.parse(new byte[9], error)).isNull();
        assertThat(error[0]).isEqualTo("ERR DUMP payload version or checksum are wrong");
        assertThat(FunctionPayload.parse(withFooter(new byte[] {(byte) 0xf6, 0}), error)).isNull();
        assertThat(error[0]).isEqualTo("ERR Pre-GA function format not supported");
        assertThat(FunctionPayload.parse(withFooter(new byte[] {0, 0}), error)).isNull();
        assertThat(error[0]).isEqualTo("ERR given type is not a function");
        assertThat(FunctionPayload.parse(withFooter(new byte[] {(byte) 0xf5, 5, 'a'}), error)).isNull();
        assertThat(error[0]).isEqualTo("ERR Failed loading library payload");
    }

    private static byte[] withFooter(final byte[] body) {
        final byte[] out = new byte[body.length + 10];
        System.arraycopy(body, 0, out, 0, body.length);
        out[body.length] = 10;
        final long crc = io.minikv.engine.rdb.Crc64.crc64(out, body.length + 2);
        for (int i = 0; i < 8; i++) {
            out[body.length + 2 + i] = (byte) (crc >>> (8 * i));
        }
        return out;
    }
}
