package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_DENYOOM;
import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.minikv.api.BitOperation;
import io.minikv.api.BitUnit;
import io.minikv.api.BitfieldOp;
import io.minikv.api.KvError;
import io.minikv.api.KvException;
import io.minikv.api.ValueType;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

/**
 * The bitmap commands ({@code bitops.c}): SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD, BITFIELD_RO.
 * <p>
 * Arguments are checked in Redis 7.0's order, which differs per command and decides which error a bad call gets:
 * BITCOUNT looks the key up before it parses its range (a missing key answers 0 whatever follows), BITPOS parses
 * the bit, then looks the key up, then parses the range; BITFIELD parses every operation before it touches the key.
 * Bit offsets are limited by the server's proto-max-bulk-len, as in Redis.
 */
final class BitmapCommands {
    private static final String GROUP = "bitmap";
    private static final byte[] BIT = "BIT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BYTE = "BYTE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AND = "AND".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OR = "OR".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] XOR = "XOR".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT = "NOT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GET = "GET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SET = "SET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INCRBY = "INCRBY".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OVERFLOW = "OVERFLOW".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRAP = "WRAP".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SAT = "SAT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAIL = "FAIL".getBytes(StandardCharsets.US_ASCII);

    private BitmapCommands() {
    }

    /**
     * Registers the family.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        final int wd = FLAG_WRITE | FLAG_DENYOOM;
        table.register(spec("setbit", 4, wd, 1, 1, BitmapCommands::setbit, "2.2.0",
            "Sets or clears the bit at offset of the string value. Creates the key if it doesn't exist."));
        table.register(spec("getbit", 3, FLAG_READONLY | FLAG_FAST, 1, 1, BitmapCommands::getbit, "2.2.0",
            "Returns a bit value by offset."));
        table.register(spec("bitcount", -2, FLAG_READONLY, 1, 1, BitmapCommands::bitcount, "2.6.0",
            "Counts the number of set bits (population counting) in a string."));
        table.register(spec("bitpos", -3, FLAG_READONLY, 1, 1, BitmapCommands::bitpos, "2.8.7",
            "Finds the first set (1) or clear (0) bit in a string."));
        table.register(spec("bitop", -4, wd, 2, -1, BitmapCommands::bitop, "2.6.0",
            "Performs bitwise operations on multiple strings, and stores the result."));
        table.register(spec("bitfield", -2, wd, 1, 1, c -> bitfield(c, false), "3.2.0",
            "Performs arbitrary bitfield integer operations on strings."));
        table.register(spec("bitfield_ro", -2, FLAG_READONLY | FLAG_FAST, 1, 1, c -> bitfield(c, true), "6.0.0",
            "Performs arbitrary read-only bitfield integer operations on strings."));
    }

    private static CommandSpec spec(final String name, final int arity, final int flags, final int first,
        final int last, final CommandHandler handler, final String since, final String summary) {
        return CommandSpec.of(name, arity, GROUP, handler).flags(flags).keys(first, last, 1).doc(summary, since)
            .build();
    }

    /** Parses a SETBIT/GETBIT bit offset into {@code longValue()}, or replies the offset error. */
    private static boolean parseOffsetOrReply(final Client c, final int i) {
        final CommandArgs a = c.args();
        if (a.parseLong(i) && offsetInRange(c, a.longValue())) {
            return true;
        }
        c.reply().error(KvError.BIT_OFFSET_OUT_OF_RANGE);
        return false;
    }

    private static boolean offsetInRange(final Client c, final long offset) {
        return offset >= 0 && (offset >>> 3) < c.server().limits().maxBulkLength();
    }

    static void setbit(final Client c) {
        if (!parseOffsetOrReply(c, 2)) {
            return;
        }
        final long offset = c.args().longValue();
        final CommandArgs a = c.args();
        if (!a.parseLong(3) || (a.longValue() & ~1L) != 0) {
            c.reply().error(KvError.BIT_NOT_INTEGER);
            return;
        }
        c.reply().integer(c.db().setbit(a.bytes(1), offset, (int) a.longValue()));
    }

    static void getbit(final Client c) {
        if (!parseOffsetOrReply(c, 2)) {
            return;
        }
        c.reply().integer(c.db().getbit(c.args().bytes(1), c.args().longValue()));
    }

    /** Redis 7.0 looks the key up first: a missing key is 0 and another type WRONGTYPE, whatever the range says. */
    private static boolean stringOrReply(final Client c, final byte[] key, final long missingReply) {
        final ValueType type = c.db().type(key);
        if (type == ValueType.NONE) {
            c.reply().integer(missingReply);
            return false;
        }
        if (type != ValueType.STRING) {
            c.reply().error(KvError.WRONGTYPE);
            return false;
        }
        return true;
    }

    /** Parses BYTE or BIT, or replies a syntax error. */
    private static BitUnit unitOrReply(final Client c, final int i) {
        if (c.args().is(i, BYTE)) {
            return BitUnit.BYTE;
        }
        if (c.args().is(i, BIT)) {
            return BitUnit.BIT;
        }
        c.reply().error(KvError.SYNTAX);
        return null;
    }

    static void bitcount(final Client c) {
        final CommandArgs a = c.args();
        final byte[] key = a.bytes(1);
        if (!stringOrReply(c, key, 0)) {
            return;
        }
        final int n = a.count();
        if (n == 2) {
            c.reply().integer(c.db().bitcount(key));
            return;
        }
        if (n != 4 && n != 5) {
            c.reply().error(KvError.SYNTAX);
            return;
        }
        if (!c.parseRangeOrReply(2)) {
            return;
        }
        final long start = c.rangeStart();
        final long end = a.longValue();
        if (start < 0 && end < 0 && start > end) {
            // Redis answers before it reads the unit.
            c.reply().integer(0);
            return;
        }
        final BitUnit unit = n == 5 ? unitOrReply(c, 4) : BitUnit.BYTE;
        if (unit != null) {
            c.reply().integer(c.db().bitcount(key, start, end, unit));
        }
    }

    static void bitpos(final Client c) {
        if (!c.parseLongOrReply(2)) {
            return;
        }
        final CommandArgs a = c.args();
        final long bit = a.longValue();
        if (bit != 0 && bit != 1) {
            c.reply().error(KvError.BITPOS_BIT);
            return;
        }
        final byte[] key = a.bytes(1);
        if (!stringOrReply(c, key, bit == 1 ? -1 : 0)) {
            return;
        }
        final int n = a.count();
        if (n == 3) {
            c.reply().integer(c.db().bitpos(key, (int) bit));
            return;
        }
        if (n > 6) {
            c.reply().error(KvError.SYNTAX);
            return;
        }
        if (!c.parseLongOrReply(3)) {
            return;
        }
        final long start = a.longValue();
        final BitUnit unit = n == 6 ? unitOrReply(c, 5) : BitUnit.BYTE;
        if (unit == null) {
            return;
        }
        if (n == 4) {
            c.reply().integer(c.db().bitpos(key, (int) bit, start, unit));
            return;
        }
        if (c.parseLongOrReply(4)) {
            c.reply().integer(c.db().bitpos(key, (int) bit, start, a.longValue(), unit));
        }
    }

    static void bitop(final Client c) {
        final CommandArgs a = c.args();
        final BitOperation op;
        if (a.is(1, AND)) {
            op = BitOperation.AND;
        } else if (a.is(1, OR)) {
            op = BitOperation.OR;
        } else if (a.is(1, XOR)) {
            op = BitOperation.XOR;
        } else if (a.is(1, NOT)) {
            op = BitOperation.NOT;
        } else {
            c.reply().error(KvError.SYNTAX);
            return;
        }
        if (op == BitOperation.NOT && a.count() != 4) {
            c.reply().error(KvError.BITOP_NOT_SINGLE_SOURCE);
            return;
        }
        c.reply().integer(c.db().bitop(op, a.bytes(2), a.bytes(3, a.count())));
    }

    /** BITFIELD and BITFIELD_RO: every operation is parsed, in Redis's order of checks, before the store runs. */
    static void bitfield(final Client c, final boolean readOnly) {
        final CommandArgs a = c.args();
        final int n = a.count();
        final List<BitfieldOp> ops = new ArrayList<>();
        BitfieldOp.Overflow overflow = BitfieldOp.Overflow.WRAP;
        for (int j = 2; j < n; j++) {
            final int remaining = n - j - 1;
            final BitfieldOp.Kind kind;
            if (a.is(j, GET) && remaining >= 2) {
                kind = BitfieldOp.Kind.GET;
            } else if (a.is(j, SET) && remaining >= 3) {
                kind = BitfieldOp.Kind.SET;
            } else if (a.is(j, INCRBY) && remaining >= 3) {
                kind = BitfieldOp.Kind.INCRBY;
            } else if (a.is(j, OVERFLOW) && remaining >= 1) {
                j++;
                overflow = a.is(j, WRAP) ? BitfieldOp.Overflow.WRAP : a.is(j, SAT) ? BitfieldOp.Overflow.SAT
                    : a.is(j, FAIL) ? BitfieldOp.Overflow.FAIL : null;
                if (overflow == null) {
                    c.reply().error(KvError.BITFIELD_OVERFLOW_TYPE);
                    return;
                }
                continue;
            } else {
                c.reply().error(KvError.SYNTAX);
                return;
            }
            final String type = new String(a.bytes(j + 1), StandardCharsets.ISO_8859_1);
            final int bits;
            try {
                bits = BitfieldOp.typeBits(type);
            } catch (final KvException e) {
                c.reply().error(KvError.BITFIELD_TYPE);
                return;
            }
            final long offset = fieldOffset(c, a.bytes(j + 2), bits);
            if (offset < 0) {
                c.reply().error(KvError.BIT_OFFSET_OUT_OF_RANGE);
                return;
            }
            long value = 0;
            if (kind != BitfieldOp.Kind.GET) {
                if (!c.parseLongOrReply(j + 3)) {
                    return;
                }
                value = a.longValue();
            }
            ops.add(new BitfieldOp(kind, type.charAt(0) == 'i', bits, offset, value, overflow));
            j += kind == BitfieldOp.Kind.GET ? 2 : 3;
        }
        final BitfieldOp[] array = ops.toArray(new BitfieldOp[0]);
        final List<Long> replies = readOnly ? c.db().bitfieldRo(a.bytes(1), array) : c.db().bitfield(a.bytes(1), array);
        final ReplyWriter reply = c.reply();
        reply.array(replies.size());
        for (final Long v : replies) {
            if (v == null) {
                reply.nullBulk();
            } else {
                reply.integer(v);
            }
        }
    }

    /**
     * Parses a BITFIELD offset, plain or {@code #index} (times the width, wrapping as Redis's C does).
     *
     * @return the bit offset, or -1 when it is not an integer, negative, or beyond proto-max-bulk-len.
     */
    private static long fieldOffset(final Client c, final byte[] text, final int bits) {
        final boolean hash = text.length > 0 && text[0] == '#';
        final String digits = new String(text, hash ? 1 : 0, text.length - (hash ? 1 : 0), StandardCharsets.ISO_8859_1);
        final long parsed;
        try {
            parsed = Long.parseLong(digits);
        } catch (final NumberFormatException e) {
            return -1;
        }
        if (!digits.equals(Long.toString(parsed))) {
            // Redis's string2ll accepts only the canonical form: no '+', no leading zeros, no "-0".
            return -1;
        }
        final long offset = hash ? parsed * bits : parsed;
        return offsetInRange(c, offset) ? offset : -1;
    }
}
