package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_DENYOOM;
import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;

import io.minikv.api.Expiration;
import io.minikv.api.KvError;
import io.minikv.api.KvException;
import io.minikv.api.KvStore;
import io.minikv.api.LcsMatch;
import io.minikv.api.LcsResult;
import io.minikv.api.SetArgs;
import io.minikv.api.SetCondition;
import io.minikv.api.ValueType;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

import java.nio.ByteBuffer;

/**
 * The string commands ({@code t_string.c}). GET, SET without options and MSET run on the zero-copy store methods:
 * keys and values go from the read buffer to the store, and values from the store to the output buffer.
 */
final class StringCommands {
    private static final int SET_NX = 1;
    private static final int SET_XX = 1 << 1;
    private static final int SET_GET = 1 << 2;
    private static final int SET_KEEPTTL = 1 << 3;
    private static final int SET_PERSIST = 1 << 4;
    private static final int SET_EX = 1 << 5;
    private static final int SET_PX = 1 << 6;
    private static final int SET_EXAT = 1 << 7;
    private static final int SET_PXAT = 1 << 8;
    private static final int ANY_EXPIRE = SET_EX | SET_PX | SET_EXAT | SET_PXAT;
    private static final String GROUP = "string";
    private static final byte[] IDX = Keywords.k("IDX");
    private static final byte[] LEN = Keywords.k("LEN");
    private static final byte[] WITHMATCHLEN = Keywords.k("WITHMATCHLEN");
    private static final byte[] MINMATCHLEN = Keywords.k("MINMATCHLEN");
    private static final byte[] MATCHES = Keywords.k("matches");
    private static final byte[] LEN_REPLY = Keywords.k("len");

    private StringCommands() {
    }

    /**
     * Registers the family.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        final int rf = FLAG_READONLY | FLAG_FAST;
        final int wd = FLAG_WRITE | FLAG_DENYOOM;
        table.register(spec("get", 2, rf, 1, 1, 1, StringCommands::get, "Returns the string value of a key."));
        table.register(spec("set", -3, wd, 1, 1, 1, StringCommands::set,
            "Sets the string value of a key, ignoring its type. The key is created if it doesn't exist."));
        table.register(spec("setnx", 3, wd | FLAG_FAST, 1, 1, 1, StringCommands::setnx,
            "Set the string value of a key only when the key doesn't exist."));
        table.register(spec("setex", 4, wd, 1, 1, 1, StringCommands::setex,
            "Sets the string value and expiration time of a key. Creates the key if it doesn't exist."));
        table.register(spec("psetex", 4, wd, 1, 1, 1, StringCommands::psetex,
            "Sets both string value and expiration time in milliseconds of a key."));
        table.register(spec("getset", 3, wd | FLAG_FAST, 1, 1, 1, StringCommands::getset,
            "Returns the previous string value of a key after setting it to a new value."));
        table.register(spec("getdel", 2, FLAG_WRITE | FLAG_FAST, 1, 1, 1, StringCommands::getdel,
            "Returns the string value of a key after deleting the key."));
        table.register(spec("getex", -2, FLAG_WRITE | FLAG_FAST, 1, 1, 1, StringCommands::getex,
            "Returns the string value of a key after setting its expiration time."));
        table.register(spec("mget", -2, rf, 1, -1, 1, StringCommands::mget,
            "Atomically returns the string values of one or more keys."));
        table.register(spec("mset", -3, wd, 1, -1, 2, StringCommands::mset,
            "Atomically creates or modifies the string values of one or more keys."));
        table.register(spec("msetnx", -3, wd, 1, -1, 2, StringCommands::msetnx,
            "Atomically modifies the string values of one or more keys only when all keys don't exist."));
        table.register(spec("append", 3, wd | FLAG_FAST, 1, 1, 1, StringCommands::append,
            "Appends a string to the value of a key. Creates the key if it doesn't exist."));
        table.register(spec("strlen", 2, rf, 1, 1, 1, StringCommands::strlen,
            "Returns the length of a string value."));
        table.register(spec("getrange", 4, FLAG_READONLY, 1, 1, 1, StringCommands::getrange,
            "Returns a substring of the string stored at a key."));
        table.register(spec("substr", 4, FLAG_READONLY, 1, 1, 1, StringCommands::getrange,
            "Returns a substring from a string value."));
        table.register(spec("setrange", 4, wd, 1, 1, 1, StringCommands::setrange,
            "Overwrites a part of a string value with another by an offset. Creates the key if it doesn't exist."));
        table.register(spec("incr", 2, wd | FLAG_FAST, 1, 1, 1, StringCommands::incr,
            "Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist."));
        table.register(spec("decr", 2, wd | FLAG_FAST, 1, 1, 1, StringCommands::decr,
            "Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist."));
        table.register(spec("incrby", 3, wd | FLAG_FAST, 1, 1, 1, StringCommands::incrby,
            "Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist."));
        table.register(spec("decrby", 3, wd | FLAG_FAST, 1, 1, 1, StringCommands::decrby,
            "Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist."));
        table.register(spec("incrbyfloat", 3, wd | FLAG_FAST, 1, 1, 1, StringCommands::incrbyfloat,
            "Increment the floating point value of a key by a number. Uses 0 as initial value if the key doesn't "
                + "exist."));
        table.register(CommandSpec.of("lcs", -3, GROUP, StringCommands::lcs).flags(FLAG_READONLY).keys(1, 2, 1)
            .doc("Find longest common substring", "7.0.0").build());
    }

    private static CommandSpec spec(final String name, final int arity, final int flags, final int first,
        final int last, final int step, final CommandHandler handler, final String summary) {
        return CommandSpec.of(name, arity, GROUP, handler).flags(flags).keys(first, last, step)
            .doc(summary, "1.0.0").build();
    }

    static void get(final Client c) {
        final CommandArgs a = c.args();
        final ReplyWriter reply = c.reply();
        reply.beginValue();
        if (c.db().get(a.buffer(), a.offset(1), a.length(1), reply) < 0) {
            reply.nullBulk();
        }
    }

    static void set(final Client c) {
        final CommandArgs a = c.args();
        final ByteBuffer buffer = a.buffer();
        if (a.count() == 3) {
            c.db().set(buffer, a.offset(1), a.length(1), buffer, a.offset(2), a.length(2), SetArgs.PLAIN);
            c.reply().ok();
            return;
        }
        final long parsed = parseExtended(c, 3, true);
        if (parsed < 0) {
            return;
        }
        final int flags = (int) parsed;
        final Expiration expiration = expiration(c, parsed, "set");
        if (expiration == null && (flags & ANY_EXPIRE) != 0) {
            return;
        }
        final SetCondition condition = (flags & SET_NX) != 0 ? SetCondition.IF_ABSENT
            : (flags & SET_XX) != 0 ? SetCondition.IF_PRESENT : SetCondition.ALWAYS;
        final SetArgs args = new SetArgs(condition, (flags & SET_KEEPTTL) != 0 ? Expiration.KEEP_TTL : expiration);
        if ((flags & SET_GET) != 0) {
            c.reply().bulk(c.db().setGet(a.bytes(1), a.bytes(2), args));
        } else if (c.db().set(buffer, a.offset(1), a.length(1), buffer, a.offset(2), a.length(2), args)) {
            c.reply().ok();
        } else {
            c.reply().nullBulk();
        }
    }

    /**
     * Parses SET's or GETEX's options as Redis's {@code parseExtendedStringArgumentsOrReply}.
     *
     * @return the flags in the low 32 bits and the expire value's argument index in the high 32 bits, or -1 after
     *     replying a syntax error.
     */
    private static long parseExtended(final Client c, final int from, final boolean isSet) {
        final CommandArgs a = c.args();
        final int n = a.count();
        int flags = 0;
        int expireIndex = 0;
        for (int j = from; j < n; j++) {
            final boolean hasNext = j + 1 < n;
            if (isSet && a.is(j, Keywords.NX) && (flags & SET_XX) == 0) {
                flags |= SET_NX;
            } else if (isSet && a.is(j, Keywords.XX) && (flags & SET_NX) == 0) {
                flags |= SET_XX;
            } else if (isSet && a.is(j, Keywords.GET)) {
                flags |= SET_GET;
            } else if (isSet && a.is(j, Keywords.KEEPTTL) && (flags & (SET_PERSIST | ANY_EXPIRE)) == 0) {
                flags |= SET_KEEPTTL;
            } else if (!isSet && a.is(j, Keywords.PERSIST) && (flags & (SET_KEEPTTL | ANY_EXPIRE)) == 0) {
                flags |= SET_PERSIST;
            } else if (a.is(j, Keywords.EX) && hasNext && (flags & (SET_KEEPTTL | SET_PERSIST | ANY_EXPIRE
                & ~SET_EX)) == 0) {
                flags |= SET_EX;
                expireIndex = ++j;
            } else if (a.is(j, Keywords.PX) && hasNext && (flags & (SET_KEEPTTL | SET_PERSIST | ANY_EXPIRE
                & ~SET_PX)) == 0) {
                flags |= SET_PX;
                expireIndex = ++j;
            } else if (a.is(j, Keywords.EXAT) && hasNext && (flags & (SET_KEEPTTL | SET_PERSIST | ANY_EXPIRE
                & ~SET_EXAT)) == 0) {
                flags |= SET_EXAT;
                expireIndex = ++j;
            } else if (a.is(j, Keywords.PXAT) && hasNext && (flags & (SET_KEEPTTL | SET_PERSIST | ANY_EXPIRE
                & ~SET_PXAT)) == 0) {
                flags |= SET_PXAT;
                expireIndex = ++j;
            } else {
                c.reply().error(KvError.SYNTAX);
                return -1;
            }
        }
        return ((long) expireIndex << 32) | flags;
    }

    /**
     * Parses and validates the expire value found by {@link #parseExtended}.
     *
     * @return the expiration, or null when there is none or after replying an error.
     */
    private static Expiration expiration(final Client c, final long parsed, final String command) {
        final int flags = (int) parsed;
        if ((flags & ANY_EXPIRE) == 0) {
            return null;
        }
        final CommandArgs a = c.args();
        final int index = (int) (parsed >>> 32);
        if (!a.parseLong(index)) {
            c.reply().error(KvError.NOT_INTEGER);
            return null;
        }
        final Expiration.Kind kind = (flags & SET_EX) != 0 ? Expiration.Kind.EX
            : (flags & SET_PX) != 0 ? Expiration.Kind.PX
            : (flags & SET_EXAT) != 0 ? Expiration.Kind.EXAT : Expiration.Kind.PXAT;
        final Expiration expiration = new Expiration(kind, a.longValue());
        // Validate here so the error names this command; the store validates again against its own clock.
        expiration.deadlineMillis(System.currentTimeMillis(), command);
        return expiration;
    }

    static void setnx(final Client c) {
        final CommandArgs a = c.args();
        final ByteBuffer b = a.buffer();
        c.reply().bool(c.db().set(b, a.offset(1), a.length(1), b, a.offset(2), a.length(2), SetArgs.ifAbsent()));
    }

    static void setex(final Client c) {
        setWithTtl(c, Expiration.Kind.EX, "setex");
    }

    static void psetex(final Client c) {
        setWithTtl(c, Expiration.Kind.PX, "psetex");
    }

    private static void setWithTtl(final Client c, final Expiration.Kind kind, final String command) {
        final CommandArgs a = c.args();
        if (!c.parseLongOrReply(2)) {
            return;
        }
        final Expiration expiration = new Expiration(kind, a.longValue());
        expiration.deadlineMillis(System.currentTimeMillis(), command);
        final ByteBuffer b = a.buffer();
        c.db().set(b, a.offset(1), a.length(1), b, a.offset(3), a.length(3),
            new SetArgs(SetCondition.ALWAYS, expiration));
        c.reply().ok();
    }

    static void getset(final Client c) {
        final CommandArgs a = c.args();
        c.reply().bulk(c.db().setGet(a.bytes(1), a.bytes(2), SetArgs.PLAIN));
    }

    static void getdel(final Client c) {
        c.reply().bulk(c.db().getdel(c.args().bytes(1)));
    }

    static void getex(final Client c) {
        final long parsed = parseExtended(c, 2, false);
        if (parsed < 0) {
            return;
        }
        final int flags = (int) parsed;
        if ((flags & ANY_EXPIRE) != 0) {
            // Redis looks the key up before it reads the expire value: a missing key is nil and a key of another
            // type WRONGTYPE, whatever the value.
            final ValueType type = c.db().type(c.args().bytes(1));
            if (type == ValueType.NONE) {
                c.reply().nullBulk();
                return;
            }
            if (type != ValueType.STRING) {
                c.reply().error(KvError.WRONGTYPE);
                return;
            }
        }
        Expiration expiration = expiration(c, parsed, "getex");
        if (expiration == null && (flags & ANY_EXPIRE) != 0) {
            return;
        }
        if ((flags & SET_PERSIST) != 0) {
            expiration = Expiration.PERSIST;
        }
        c.reply().bulk(c.db().getex(c.args().bytes(1), expiration));
    }

    static void mget(final Client c) {
        final CommandArgs a = c.args();
        final ReplyWriter reply = c.reply();
        final KvStore db = c.db();
        final int n = a.count();
        reply.array(n - 1);
        for (int i = 1; i < n; i++) {
            reply.beginValue();
            int length;
            try {
                length = db.get(a.buffer(), a.offset(i), a.length(i), reply);
            } catch (final KvException e) {
                // MGET never fails: a key of another type reads as nil.
                length = -1;
            }
            if (length < 0) {
                reply.nullBulk();
            }
        }
    }

    static void mset(final Client c) {
        final CommandArgs a = c.args();
        final int n = a.count();
        if (n % 2 == 0) {
            c.reply().error(KvError.wrongArity("mset"));
            return;
        }
        final ByteBuffer b = a.buffer();
        final KvStore db = c.db();
        for (int i = 1; i < n; i += 2) {
            db.set(b, a.offset(i), a.length(i), b, a.offset(i + 1), a.length(i + 1), SetArgs.PLAIN);
        }
        c.reply().ok();
    }

    static void msetnx(final Client c) {
        final CommandArgs a = c.args();
        final int n = a.count();
        if (n % 2 == 0) {
            c.reply().error(KvError.wrongArity("msetnx"));
            return;
        }
        c.reply().bool(c.db().msetnx(a.bytes(1, n)));
    }

    static void append(final Client c) {
        final CommandArgs a = c.args();
        c.reply().integer(c.db().append(a.bytes(1), a.bytes(2)));
    }

    static void strlen(final Client c) {
        c.reply().integer(c.db().strlen(c.args().bytes(1)));
    }

    static void getrange(final Client c) {
        if (!c.parseRangeOrReply(2)) {
            return;
        }
        c.reply().bulk(c.db().getrange(c.args().bytes(1), c.rangeStart(), c.args().longValue()));
    }

    static void setrange(final Client c) {
        final CommandArgs a = c.args();
        if (!c.parseLongOrReply(2)) {
            return;
        }
        final long offset = a.longValue();
        final byte[] key = a.bytes(1);
        if (offset >= 0 && a.length(3) > 0 && offset > c.server().limits().maxBulkLength() - a.length(3)) {
            // Redis checks the type before the size: a key of another type is WRONGTYPE whatever the offset.
            final ValueType type = c.db().type(key);
            c.reply().error(type == ValueType.NONE || type == ValueType.STRING ? KvError.STRING_TOO_LONG
                : KvError.WRONGTYPE);
            return;
        }
        c.reply().integer(c.db().setrange(key, offset, a.bytes(3)));
    }

    /**
     * {@code LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]}, checking in Redis's order: the keys' types,
     * then the options, then the size of Redis's table against the configured proto-max-bulk-len.
     */
    static void lcs(final Client c) {
        final CommandArgs a = c.args();
        final KvStore db = c.db();
        final byte[] key1 = a.bytes(1);
        final byte[] key2 = a.bytes(2);
        if (!holdsStringOrNothing(db, key1) || !holdsStringOrNothing(db, key2)) {
            c.reply().error(KvError.LCS_NOT_STRINGS);
            return;
        }
        boolean idx = false;
        boolean len = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int i = 3; i < a.count(); i++) {
            if (a.is(i, IDX)) {
                idx = true;
            } else if (a.is(i, LEN)) {
                len = true;
            } else if (a.is(i, WITHMATCHLEN)) {
                withMatchLen = true;
            } else if (a.is(i, MINMATCHLEN) && i + 1 < a.count()) {
                if (!c.parseLongOrReply(i + 1)) {
                    return;
                }
                minMatchLen = Math.max(0, a.longValue());
                i++;
            } else {
                c.reply().error(KvError.SYNTAX);
                return;
            }
        }
        if (idx && len) {
            c.reply().error(KvError.LCS_LEN_AND_IDX);
            return;
        }
        // The store refuses tables beyond the default proto-max-bulk-len; a lower configured one is checked here.
        if ((db.strlen(key1) + 1) * (db.strlen(key2) + 1) * Integer.BYTES > c.server().limits().maxBulkLength()) {
            c.reply().error(KvError.LCS_TOO_BIG);
            return;
        }
        if (len) {
            c.reply().integer(db.lcsLength(key1, key2));
        } else if (idx) {
            lcsMatches(c.reply(), db.lcsIdx(key1, key2, minMatchLen), withMatchLen);
        } else {
            c.reply().bulk(db.lcs(key1, key2));
        }
    }

    private static boolean holdsStringOrNothing(final KvStore db, final byte[] key) {
        final ValueType type = db.type(key);
        return type == ValueType.NONE || type == ValueType.STRING;
    }

    private static void lcsMatches(final ReplyWriter r, final LcsResult result, final boolean withMatchLen) {
        r.array(4);
        r.bulk(MATCHES);
        r.array(result.matches().size());
        for (final LcsMatch m : result.matches()) {
            r.array(withMatchLen ? 3 : 2);
            r.array(2);
            r.integer(m.start1());
            r.integer(m.end1());
            r.array(2);
            r.integer(m.start2());
            r.integer(m.end2());
            if (withMatchLen) {
                r.integer(m.length());
            }
        }
        r.bulk(LEN_REPLY);
        r.integer(result.length());
    }

    static void incr(final Client c) {
        c.reply().integer(c.db().incrby(c.args().bytes(1), 1));
    }

    static void decr(final Client c) {
        c.reply().integer(c.db().incrby(c.args().bytes(1), -1));
    }

    static void incrby(final Client c) {
        final CommandArgs a = c.args();
        if (!c.parseLongOrReply(2)) {
            return;
        }
        c.reply().integer(c.db().incrby(a.bytes(1), a.longValue()));
    }

    static void decrby(final Client c) {
        final CommandArgs a = c.args();
        if (!c.parseLongOrReply(2)) {
            return;
        }
        if (a.longValue() == Long.MIN_VALUE) {
            c.reply().error(KvError.DECREMENT_OVERFLOW);
            return;
        }
        c.reply().integer(c.db().incrby(a.bytes(1), -a.longValue()));
    }

    static void incrbyfloat(final Client c) {
        final CommandArgs a = c.args();
        if (!a.parseDouble(2)) {
            // Redis checks the key's type before it reads the increment: a sorted set answers WRONGTYPE (thrown here).
            c.db().get(a.bytes(1));
            c.reply().error(KvError.NOT_FLOAT);
            return;
        }
        final double increment = a.doubleValue();
        final byte[] key = a.bytes(1);
        if (Double.isInfinite(increment)) {
            // Any finite stored value plus an infinity is infinite; Redis first reports a key of another type and a
            // stored value that is not a number.
            final byte[] stored = c.db().get(key);
            if (stored != null && !isLongDouble(stored)) {
                c.reply().error(KvError.NOT_FLOAT);
                return;
            }
            c.reply().error(KvError.INCR_NAN_OR_INFINITY);
            return;
        }
        c.reply().bulk(c.db().incrbyfloat(key, increment));
    }

    /**
     * Whether Redis's {@code string2ld} accepts a stored value: a float that is not NaN and, unless written as an
     * infinity, inside the range of an x87 long double (strtold reports overflow and underflow, which Redis
     * rejects). Only the rare infinite-increment path calls this, so it may allocate.
     */
    static boolean isLongDouble(final byte[] stored) {
        final double d = CommandArgs.parseDouble(ByteBuffer.wrap(stored), 0, stored.length);
        if (Double.isNaN(d)) {
            return false;
        }
        final String text = new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1);
        final String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        if (unsigned.equalsIgnoreCase("inf") || unsigned.equalsIgnoreCase("infinity")) {
            return true;
        }
        try {
            final java.math.BigDecimal v = new java.math.BigDecimal(text);
            final int exponent = v.precision() - v.scale() - 1;
            return v.signum() == 0 || exponent >= -4951 && exponent <= 4932;
        } catch (final NumberFormatException e) {
            // Hexadecimal floats were judged by CommandArgs already; a decimal exponent beyond an int overflows or
            // underflows a long double by far.
            return unsigned.regionMatches(true, 0, "0x", 0, 2);
        }
    }
}
