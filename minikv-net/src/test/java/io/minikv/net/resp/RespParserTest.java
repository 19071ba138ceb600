package io.minikv.net.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.minikv.api.KvError;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

class RespParserTest {
    private final RespParser parser = new RespParser(RespLimits.DEFAULTS);

    private static ByteBuffer buffer(final String text) {
        final byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        final ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(64, bytes.length));
        buffer.put(bytes);
        return buffer;
    }

    private static List<String> argv(final CommandArgs args) {
        final List<String> list = new ArrayList<>();
        for (int i = 0; i < args.count(); i++) {
            list.add(args.string(i));
        }
        return list;
    }

    @Test
    void shouldParsePipelinedMultibulkCommandsInOrder() {
        final ByteBuffer in = buffer("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n");
        assertThat(parser.parse(in, in.position())).isEqualTo(RespParser.COMMAND);
        assertThat(argv(parser.args())).containsExactly("GET", "k");
        assertThat(parser.parse(in, in.position())).isEqualTo(RespParser.COMMAND);
        assertThat(argv(parser.args())).containsExactly("SET", "k", "");
        assertThat(parser.parse(in, in.position())).isEqualTo(RespParser.INCOMPLETE);
        assertThat(parser.inCommand()).isFalse();
    }

    @Test
    void shouldResumeAcrossEverySplitPoint() {
        final String command = "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n";
        for (int split = 0; split <= command.length(); split++) {
            final RespParser fresh = new RespParser(RespLimits.DEFAULTS);
            final ByteBuffer in = ByteBuffer.allocateDirect(128);
            in.put(command.substring(0, split).getBytes(StandardCharsets.ISO_8859_1));
            final int first = fresh.parse(in, in.position());
            if (split < command.length()) {
                assertThat(first).as("split at %d", split).isEqualTo(RespParser.INCOMPLETE);
                in.put(command.substring(split).getBytes(StandardCharsets.ISO_8859_1));
                assertThat(fresh.parse(in, in.position())).isEqualTo(RespParser.COMMAND);
            } else {
                assertThat(first).isEqualTo(RespParser.COMMAND);
            }
            assertThat(argv(fresh.args())).containsExactly("SET", "key", "value");
        }
    }

    @Test
    void shouldKeepArgumentsWhenCompactingAPartialCommand() {
        final ByteBuffer in = buffer("*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$5\r\nhel");
        assertThat(parser.parse(in, in.position())).isEqualTo(RespParser.COMMAND);
        assertThat(parser.parse(in, in.position())).isEqualTo(RespParser.INCOMPLETE);
        assertThat(parser.keepFrom()).isEqualTo(14);
        parser.compact(in);
        assertThat(in.position()).isEqualTo(21);
        in.put("lo\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(parser.parse(in, in.position())).isEqualTo(RespParser.COMMAND);
        assertThat(argv(parser.args())).containsExactly("ECHO", "hello");
    }

    @Test
    void shouldAskForExactlyTheDeclaredBulkLength() {
        final ByteBuffer in = buffer("*2\r\n$4\r\nECHO\r\n$1000\r\nabc");
        assertThat(parser.parse(in, in.position())).isEqualTo(RespParser.INCOMPLETE);
        assertThat(parser.requiredCapacity(in.position())).isEqualTo(14 + 7 + 1000 + 2);
    }

    @Test
    void shouldSplitInlineCommandsLikeSdssplitargs() {
        final ByteBuffer in = buffer("  set \"a\\x41\\t\" 'it\\'s' plain\r\n\r\nPING\n");
        assertThat(parser.parse(in, in.position())).isEqualTo(RespParser.COMMAND);
        assertThat(argv(parser.args())).containsExactly("set", "aA\t", "it's", "plain");
        assertThat(parser.parse(in, in.position())).isEqualTo(RespParser.COMMAND);
        assertThat(argv(parser.args())).containsExactly("PING");
    }

    @Test
    void shouldReportProtocolErrorsWithRedisTexts() {
        assertError("*x\r\n", KvError.PROTO_INVALID_MULTIBULK_LENGTH.text());
        assertError("*1\r\n$-1\r\n", KvError.PROTO_INVALID_BULK_LENGTH.text());
        assertError("*1\r\n$536870913\r\n", KvError.PROTO_INVALID_BULK_LENGTH.text());
        assertError("*1\r\n!4\r\n", "ERR Protocol error: expected '$', got '!'");
        assertError("GET \"k\r\n", KvError.PROTO_UNBALANCED_QUOTES.text());
        assertError("GET 'k'x\r\n", KvError.PROTO_UNBALANCED_QUOTES.text());
    }

    private static void assertError(final String input, final String text) {
        final RespParser fresh = new RespParser(RespLimits.DEFAULTS);
        final ByteBuffer in = buffer(input);
        assertThat(fresh.parse(in, in.position())).isEqualTo(RespParser.ERROR);
        assertThat(fresh.errorText()).isEqualTo(text);
    }

    @Test
    void shouldRejectLinesLongerThanTheInlineLimitWithoutWaitingForCrlf() {
        final RespParser small = new RespParser(new RespLimits(1024, 4096, 100, 16, 4096));
        final ByteBuffer in = buffer("A".repeat(17));
        assertThat(small.parse(in, in.position())).isEqualTo(RespParser.ERROR);
        assertThat(small.errorText()).isEqualTo(KvError.PROTO_TOO_BIG_INLINE.text());
        final RespParser counts = new RespParser(new RespLimits(1024, 4096, 100, 16, 4096));
        final ByteBuffer multibulk = buffer("*101\r\n");
        assertThat(counts.parse(multibulk, multibulk.position())).isEqualTo(RespParser.ERROR);
        assertThat(counts.errorText()).isEqualTo(KvError.PROTO_INVALID_MULTIBULK_LENGTH.text());
    }
}
