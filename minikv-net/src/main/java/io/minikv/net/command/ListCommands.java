package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_DENYOOM;
import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;

import java.util.List;

import io.minikv.api.KeyedElements;
import io.minikv.api.KvError;
import io.minikv.api.KvStore;
import io.minikv.api.ListEnd;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

/**
 * The list commands ({@code t_list.c}): argument parsing in Redis's order (so the same bad input gets the same
 * error, including the commands that look the key up before parsing an index), the typed {@link KvStore} call,
 * and the RESP2 reply. The blocking forms are in {@link ListBlocking}.
 * <p>
 * Stateless; handlers run on the calling client's event loop.
 */
final class ListCommands {
    static final String GROUP = "list";
    private static final byte[] LEFT = Keywords.k("LEFT");
    private static final byte[] RIGHT = Keywords.k("RIGHT");
    private static final byte[] BEFORE = Keywords.k("BEFORE");
    private static final byte[] AFTER = Keywords.k("AFTER");
    private static final byte[] RANK = Keywords.k("RANK");
    private static final byte[] MAXLEN = Keywords.k("MAXLEN");

    private ListCommands() {
    }

    /**
     * Registers the family.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        final int wdf = FLAG_WRITE | FLAG_DENYOOM | FLAG_FAST;
        final int wf = FLAG_WRITE | FLAG_FAST;
        final int wd = FLAG_WRITE | FLAG_DENYOOM;
        table.register(spec("lpush", -3, wdf, 1, 1, c -> push(c, ListEnd.LEFT, false), "1.0.0",
            "Prepends one or more elements to a list. Creates the key if it doesn't exist."));
        table.register(spec("rpush", -3, wdf, 1, 1, c -> push(c, ListEnd.RIGHT, false), "1.0.0",
            "Appends one or more elements to a list. Creates the key if it doesn't exist."));
        table.register(spec("lpushx", -3, wdf, 1, 1, c -> push(c, ListEnd.LEFT, true), "2.2.0",
            "Prepends one or more elements to a list only when the list exists."));
        table.register(spec("rpushx", -3, wdf, 1, 1, c -> push(c, ListEnd.RIGHT, true), "2.2.0",
            "Appends an element to a list only when the list exists."));
        table.register(spec("lpop", -2, wf, 1, 1, c -> pop(c, ListEnd.LEFT, "lpop"), "1.0.0",
            "Returns the first elements in a list after removing it. Deletes the list if the last element was "
                + "popped."));
        table.register(spec("rpop", -2, wf, 1, 1, c -> pop(c, ListEnd.RIGHT, "rpop"), "1.0.0",
            "Returns and removes the last elements of a list. Deletes the list if the last element was popped."));
        table.register(spec("llen", 2, FLAG_READONLY | FLAG_FAST, 1, 1, ListCommands::llen, "1.0.0",
            "Returns the length of a list."));
        table.register(spec("lrange", 4, FLAG_READONLY, 1, 1, ListCommands::lrange, "1.0.0",
            "Returns a range of elements from a list."));
        table.register(spec("lindex", 3, FLAG_READONLY, 1, 1, ListCommands::lindex, "1.0.0",
            "Returns an element from a list by its index."));
        table.register(spec("lset", 4, wd, 1, 1, ListCommands::lset, "1.0.0",
            "Sets the value of an element in a list by its index."));
        table.register(spec("linsert", 5, wd, 1, 1, ListCommands::linsert, "2.2.0",
            "Inserts an element before or after another element in a list."));
        table.register(spec("lrem", 4, FLAG_WRITE, 1, 1, ListCommands::lrem, "1.0.0",
            "Removes elements from a list. Deletes the list if the last element was removed."));
        table.register(spec("ltrim", 4, FLAG_WRITE, 1, 1, ListCommands::ltrim, "1.0.0",
            "Removes elements from both ends a list. Deletes the list if all elements were trimmed."));
        table.register(spec("lpos", -3, FLAG_READONLY, 1, 1, ListCommands::lpos, "6.0.6",
            "Returns the index of matching elements in a list."));
        table.register(spec("lmove", 5, wd, 1, 2, ListCommands::lmove, "6.2.0",
            "Returns an element after popping it from one list and pushing it to another. Deletes the list if the "
                + "last element was moved."));
        table.register(spec("rpoplpush", 3, wd, 1, 2, ListCommands::rpoplpush, "1.2.0",
            "Returns the last element of a list after removing and pushing it to another list. Deletes the list if "
                + "the last element was popped."));
        table.register(spec("lmpop", -4, FLAG_WRITE, 0, 0, ListCommands::lmpop, "7.0.0",
            "Returns multiple elements from a list after removing them. Deletes the list if the last element was "
                + "popped."));
        ListBlocking.register(table);
    }

    static CommandSpec spec(final String name, final int arity, final int flags, final int first, final int last,
        final CommandHandler handler, final String since, final String summary) {
        // Movable-keys commands (LMPOP, BLMPOP) have no legacy key range: Redis 7 reports 0 0 0 and key specs.
        return CommandSpec.of(name, arity, GROUP, handler).flags(flags).keys(first, last, first == 0 ? 0 : 1)
            .doc(summary, since).build();
    }

    // ------------------------------------------------------------------------------------------------ parsing

    /** Parses LEFT or RIGHT as Redis's {@code getListPositionFromObjectOrReply}; replies and returns null if not. */
    static ListEnd end(final Client c, final int i) {
        if (c.args().is(i, LEFT)) {
            return ListEnd.LEFT;
        }
        if (c.args().is(i, RIGHT)) {
            return ListEnd.RIGHT;
        }
        c.reply().error(KvError.SYNTAX);
        return null;
    }

    /**
     * Parses {@code numkeys key ... LEFT|RIGHT [COUNT count]} from {@code numkeysIndex}, as Redis's
     * {@code lmpopGenericCommand}; replies with the error and returns null on bad input.
     *
     * @return the parsed call: end, count (1 without COUNT), and the keys.
     */
    static MpopArgs mpopArgs(final Client c, final int numkeysIndex) {
        final int whereIndex = MultiPop.whereIndex(c, numkeysIndex);
        if (whereIndex < 0) {
            return null;
        }
        final ListEnd end = end(c, whereIndex);
        if (end == null) {
            return null;
        }
        final long count = MultiPop.count(c, whereIndex);
        if (count < 0) {
            return null;
        }
        return new MpopArgs(end, count, c.args().bytes(numkeysIndex + 1, whereIndex));
    }

    /** A parsed LMPOP / BLMPOP call. */
    record MpopArgs(ListEnd end, long count, byte[][] keys) {
    }

    // ------------------------------------------------------------------------------------------------ replies

    static void elements(final ReplyWriter r, final List<byte[]> elements) {
        r.array(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            r.bulk(elements.get(i));
        }
    }

    /** Writes an LMPOP reply: nil, or [key, [element, ...]]. */
    static void mpopReply(final ReplyWriter r, final KeyedElements popped) {
        if (popped == null) {
            r.nullArray();
            return;
        }
        r.array(2);
        r.bulk(popped.key());
        elements(r, popped.elements());
    }

    // ------------------------------------------------------------------------------------------------ handlers

    static void push(final Client c, final ListEnd end, final boolean onlyIfExists) {
        final CommandArgs a = c.args();
        final byte[] key = a.bytes(1);
        final byte[][] elements = a.bytes(2, a.count());
        final KvStore db = c.db();
        final long length;
        if (onlyIfExists) {
            length = end == ListEnd.LEFT ? db.lpushx(key, elements) : db.rpushx(key, elements);
        } else {
            length = end == ListEnd.LEFT ? db.lpush(key, elements) : db.rpush(key, elements);
        }
        c.reply().integer(length);
    }

    static void pop(final Client c, final ListEnd end, final String name) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        if (a.count() > 3) {
            r.error(KvError.wrongArity(name));
            return;
        }
        final byte[] key = a.bytes(1);
        final KvStore db = c.db();
        if (a.count() == 2) {
            r.bulk(end == ListEnd.LEFT ? db.lpop(key) : db.rpop(key));
            return;
        }
        if (!a.parseLong(2) || a.longValue() < 0) {
            r.error(KvError.COUNT_NOT_POSITIVE);
            return;
        }
        final long count = a.longValue();
        final List<byte[]> popped = end == ListEnd.LEFT ? db.lpop(key, count) : db.rpop(key, count);
        if (popped == null) {
            r.nullArray();
        } else {
            elements(r, popped);
        }
    }

    static void llen(final Client c) {
        c.reply().integer(c.db().llen(c.args().bytes(1)));
    }

    static void lrange(final Client c) {
        if (!c.parseRangeOrReply(2)) {
            return;
        }
        elements(c.reply(), c.db().lrange(c.args().bytes(1), c.rangeStart(), c.args().longValue()));
    }

    static void lindex(final Client c) {
        final CommandArgs a = c.args();
        final byte[] key = a.bytes(1);
        if (!a.parseLong(2)) {
            // Redis looks the key up first: a missing key answers nil, another type WRONGTYPE.
            if (c.db().llen(key) == 0) {
                c.reply().nullBulk();
            } else {
                c.reply().error(KvError.NOT_INTEGER);
            }
            return;
        }
        c.reply().bulk(c.db().lindex(key, a.longValue()));
    }

    static void lset(final Client c) {
        final CommandArgs a = c.args();
        final byte[] key = a.bytes(1);
        if (!a.parseLong(2)) {
            // Redis looks the key up first: a missing key is "no such key", another type WRONGTYPE.
            c.reply().error(c.db().llen(key) == 0 ? KvError.NO_SUCH_KEY : KvError.NOT_INTEGER);
            return;
        }
        c.db().lset(key, a.longValue(), a.bytes(3));
        c.reply().ok();
    }

    static void linsert(final Client c) {
        final CommandArgs a = c.args();
        final boolean before;
        if (a.is(2, BEFORE)) {
            before = true;
        } else if (a.is(2, AFTER)) {
            before = false;
        } else {
            c.reply().error(KvError.SYNTAX);
            return;
        }
        c.reply().integer(c.db().linsert(a.bytes(1), before, a.bytes(3), a.bytes(4)));
    }

    static void lrem(final Client c) {
        final CommandArgs a = c.args();
        if (!c.parseLongOrReply(2)) {
            return;
        }
        c.reply().integer(c.db().lrem(a.bytes(1), a.longValue(), a.bytes(3)));
    }

    static void ltrim(final Client c) {
        if (!c.parseRangeOrReply(2)) {
            return;
        }
        c.db().ltrim(c.args().bytes(1), c.rangeStart(), c.args().longValue());
        c.reply().ok();
    }

    static void lpos(final Client c) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int j = 3; j < a.count(); j++) {
            final boolean more = j + 1 < a.count();
            if (more && a.is(j, RANK)) {
                j++;
                if (!c.parseLongOrReply(j)) {
                    return;
                }
                rank = a.longValue();
                if (rank == 0) {
                    r.error(KvError.LPOS_RANK_ZERO);
                    return;
                }
            } else if (more && a.is(j, Keywords.COUNT)) {
                j++;
                if (!a.parseLong(j) || a.longValue() < 0) {
                    r.error(KvError.LPOS_COUNT_NEGATIVE);
                    return;
                }
                count = a.longValue();
            } else if (more && a.is(j, MAXLEN)) {
                j++;
                if (!a.parseLong(j) || a.longValue() < 0) {
                    r.error(KvError.LPOS_MAXLEN_NEGATIVE);
                    return;
                }
                maxlen = a.longValue();
            } else {
                r.error(KvError.SYNTAX);
                return;
            }
        }
        final byte[] key = a.bytes(1);
        final byte[] element = a.bytes(2);
        if (count == -1) {
            final Long index = c.db().lpos(key, element, rank, maxlen);
            if (index == null) {
                r.nullBulk();
            } else {
                r.integer(index);
            }
            return;
        }
        final List<Long> found = c.db().lpos(key, element, rank, count, maxlen);
        r.array(found.size());
        for (int i = 0; i < found.size(); i++) {
            r.integer(found.get(i));
        }
    }

    static void lmove(final Client c) {
        final ListEnd from = end(c, 3);
        if (from == null) {
            return;
        }
        final ListEnd to = end(c, 4);
        if (to == null) {
            return;
        }
        c.reply().bulk(c.db().lmove(c.args().bytes(1), c.args().bytes(2), from, to));
    }

    static void rpoplpush(final Client c) {
        c.reply().bulk(c.db().rpoplpush(c.args().bytes(1), c.args().bytes(2)));
    }

    static void lmpop(final Client c) {
        final MpopArgs p = mpopArgs(c, 1);
        if (p == null) {
            return;
        }
        mpopReply(c.reply(), c.db().lmpop(p.end(), p.count(), p.keys()));
    }
}
