package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;

import io.minikv.api.ExpireCondition;
import io.minikv.api.KvError;
import io.minikv.api.KvStore;
import io.minikv.net.resp.CommandArgs;

/**
 * The TTL commands ({@code expire.c}): the EXPIRE family with NX XX GT LT, TTL, PTTL, PERSIST, EXPIRETIME.
 */
final class ExpireCommands {
    private static final String GROUP = "generic";
    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GT = 4;
    private static final int LT = 8;

    private static final String[] NAMES = {"expire", "pexpire", "expireat", "pexpireat"};

    private ExpireCommands() {
    }

    /**
     * Redis's overflow checks of {@code expireGenericCommand}: seconds times 1000, then plus now for the relative
     * forms.
     */
    private static boolean overflows(final long when, final int variant) {
        long millis = when;
        if (variant == 0 || variant == 2) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                return true;
            }
            millis = when * 1000;
        }
        return (variant == 0 || variant == 1) && millis > Long.MAX_VALUE - System.currentTimeMillis();
    }

    /**
     * Registers the family.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        final int wf = FLAG_WRITE | FLAG_FAST;
        final int rf = FLAG_READONLY | FLAG_FAST;
        table.register(spec("expire", -3, wf, c -> expire(c, 0), "Sets the expiration time of a key in seconds."));
        table.register(spec("pexpire", -3, wf, c -> expire(c, 1),
            "Sets the expiration time of a key in milliseconds."));
        table.register(spec("expireat", -3, wf, c -> expire(c, 2),
            "Sets the expiration time of a key to a Unix timestamp."));
        table.register(spec("pexpireat", -3, wf, c -> expire(c, 3),
            "Sets the expiration time of a key to a Unix milliseconds timestamp."));
        table.register(spec("ttl", 2, rf, c -> c.reply().integer(c.db().ttl(c.args().bytes(1))),
            "Returns the expiration time in seconds of a key."));
        table.register(spec("pttl", 2, rf, c -> c.reply().integer(c.db().pttl(c.args().bytes(1))),
            "Returns the expiration time in milliseconds of a key."));
        table.register(spec("persist", 2, wf, c -> c.reply().bool(c.db().persist(c.args().bytes(1))),
            "Removes the expiration time of a key."));
        table.register(spec("expiretime", 2, rf, c -> c.reply().integer(c.db().expiretime(c.args().bytes(1))),
            "Returns the expiration time of a key as a Unix timestamp."));
        table.register(spec("pexpiretime", 2, rf,
            c -> c.reply().integer(c.db().pexpiretime(c.args().bytes(1))),
            "Returns the expiration time of a key as a Unix milliseconds timestamp."));
    }

    private static CommandSpec spec(final String name, final int arity, final int flags,
        final CommandHandler handler, final String summary) {
        return CommandSpec.of(name, arity, GROUP, handler).flags(flags).keys(1, 1, 1).doc(summary, "1.0.0")
            .build();
    }

    /**
     * EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT: options first, then the time, as Redis's {@code expireGenericCommand}.
     *
     * @param c the client.
     * @param variant 0 expire, 1 pexpire, 2 expireat, 3 pexpireat.
     */
    static void expire(final Client c, final int variant) {
        final CommandArgs a = c.args();
        int flags = 0;
        for (int i = 3; i < a.count(); i++) {
            if (a.is(i, Keywords.NX)) {
                flags |= NX;
            } else if (a.is(i, Keywords.XX)) {
                flags |= XX;
            } else if (a.is(i, Keywords.GT)) {
                flags |= GT;
            } else if (a.is(i, Keywords.LT)) {
                flags |= LT;
            } else {
                c.reply().error(KvError.UNSUPPORTED_OPTION.format(a.cString(i)));
                return;
            }
        }
        if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
            c.reply().error(KvError.EXPIRE_NX_INCOMPATIBLE);
            return;
        }
        if ((flags & GT) != 0 && (flags & LT) != 0) {
            c.reply().error(KvError.EXPIRE_GT_LT_INCOMPATIBLE);
            return;
        }
        if (!c.parseLongOrReply(2)) {
            return;
        }
        // The store takes one condition; Redis also allows XX with GT or LT, handled below.
        final ExpireCondition condition = (flags & NX) != 0 ? ExpireCondition.NX
            : (flags & GT) != 0 ? ExpireCondition.GT
            : (flags & LT) != 0 ? ExpireCondition.LT
            : (flags & XX) != 0 ? ExpireCondition.XX : ExpireCondition.ALWAYS;
        final byte[] key = a.bytes(1);
        final long when = a.longValue();
        if (overflows(when, variant)) {
            // Redis rejects a deadline that overflows before looking at the key or the conditions.
            c.reply().error(KvError.invalidExpireTime(NAMES[variant]).getMessage());
            return;
        }
        final KvStore db = c.db();
        if ((flags & XX) != 0 && (flags & (GT | LT)) != 0 && db.ttl(key) == -1) {
            // XX fails on a key without TTL, where LT alone (no TTL counts as infinite) would set one.
            c.reply().bool(false);
            return;
        }
        final boolean done;
        switch (variant) {
            case 0:
                done = db.expire(key, when, condition);
                break;
            case 1:
                done = db.pexpire(key, when, condition);
                break;
            case 2:
                done = db.expireat(key, when, condition);
                break;
            default:
                done = db.pexpireat(key, when, condition);
                break;
        }
        c.reply().bool(done);
    }
}
