package io.minikv.net.command;

import java.util.ArrayList;
import java.util.List;

import io.minikv.api.KvError;
import io.minikv.engine.rdb.RdbFormatException;
import io.minikv.engine.rdb.RdbInput;
import io.minikv.engine.rdb.RdbOutput;

/**
 * The FUNCTION DUMP payload, as Redis 7.0 writes it, so that a dump of either server restores in the other:
 * <pre>
 * payload := (FUNCTION2:u8 code:rdb-string)* rdbVersion:u16le crc:u64le   (crc = CRC-64/Jones of all before it)
 * </pre>
 * {@code rdb-string} is Redis's RDB string encoding, read and written by the engine's {@code io.minikv.engine.rdb}
 * codec that DUMP and RESTORE use too. Dumps are written uncompressed (Redis reads that form as it reads its own);
 * every form is read.
 * <p>
 * Stateless and thread-safe.
 */
final class FunctionPayload {
    /** The opcode before each library's code. */
    static final int OPCODE_FUNCTION2 = 245;
    /** The opcode of Redis 7.0's release candidates, whose format is not read. */
    static final int OPCODE_FUNCTION_PRE_GA = 246;

    private FunctionPayload() {
    }

    /**
     * FUNCTION DUMP: serialises libraries' code.
     *
     * @param libraries the libraries.
     * @return the payload.
     */
    static byte[] dump(final List<Functions.Library> libraries) {
        final RdbOutput out = new RdbOutput();
        for (final Functions.Library library : libraries) {
            out.writeByte(OPCODE_FUNCTION2).writePlainString(library.code());
        }
        return out.finish();
    }

    /**
     * FUNCTION RESTORE: reads the libraries' code out of a payload.
     *
     * @param payload the payload.
     * @param error receives the error reply text when the payload is refused.
     * @return each library's code, in order, or null after an error.
     */
    static List<byte[]> parse(final byte[] payload, final String[] error) {
        if (!RdbOutput.verify(payload)) {
            error[0] = KvError.DUMP_PAYLOAD_INVALID.text();
            return null;
        }
        final List<byte[]> codes = new ArrayList<>();
        final RdbInput in = new RdbInput(payload, 0, payload.length - RdbOutput.FOOTER_LENGTH);
        while (in.remaining() > 0) {
            final int type = in.peekByte();
            if (type == OPCODE_FUNCTION_PRE_GA) {
                error[0] = KvError.FUNCTION_PRE_GA.text();
                return null;
            }
            if (type != OPCODE_FUNCTION2) {
                error[0] = KvError.FUNCTION_NOT_A_FUNCTION.text();
                return null;
            }
            try {
                in.readByte();
                codes.add(in.readString());
            } catch (final RdbFormatException e) {
                error[0] = KvError.FUNCTION_BAD_LIBRARY_PAYLOAD.text();
                return null;
            }
        }
        return codes;
    }
}
