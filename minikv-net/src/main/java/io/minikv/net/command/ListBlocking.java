package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_BLOCKING;
import static io.minikv.net.command.CommandSpec.FLAG_DENYOOM;
import static io.minikv.net.command.CommandSpec.FLAG_NOSCRIPT;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;
import static io.minikv.net.command.ListCommands.spec;

import io.minikv.api.KeyedElements;
import io.minikv.api.KvError;
import io.minikv.api.KvException;
import io.minikv.api.KvStore;
import io.minikv.api.ListEnd;
import io.minikv.api.ValueType;
import io.minikv.net.resp.ReplyWriter;

/**
 * BLPOP, BRPOP, BLMPOP, BLMOVE and BRPOPLPUSH: pop (or move) at once when a key holds a list, otherwise park the
 * client in {@link BlockingKeys} until a write serves it, its timeout passes (nil reply) or it disconnects.
 * Arguments are checked in Redis's order: BLPOP/BRPOP the timeout first, BLMPOP its numkeys, end and COUNT before
 * the timeout, BLMOVE its two ends before the timeout.
 * <p>
 * A parked BLMOVE whose destination holds another type when the source gets an element is answered WRONGTYPE and
 * released, the source left untouched, as Redis's {@code serveClientBlockedOnList} does.
 * <p>
 * Stateless; handlers run on the calling client's event loop.
 */
final class ListBlocking {
    private ListBlocking() {
    }

    static void register(final CommandTable table) {
        final int flags = FLAG_WRITE | FLAG_NOSCRIPT | FLAG_BLOCKING;
        table.register(spec("blpop", -3, flags, 1, -2, c -> bpop(c, ListEnd.LEFT), "2.0.0",
            "Removes and returns the first element in a list. Blocks until an element is available otherwise. "
                + "Deletes the list if the last element was popped."));
        table.register(spec("brpop", -3, flags, 1, -2, c -> bpop(c, ListEnd.RIGHT), "2.0.0",
            "Removes and returns the last element in a list. Blocks until an element is available otherwise. "
                + "Deletes the list if the last element was popped."));
        // As Redis 7.0: BLMPOP is the one blocking list command a script may call (it does not block there).
        table.register(spec("blmpop", -5, flags & ~FLAG_NOSCRIPT, 0, 0, ListBlocking::blmpop, "7.0.0",
            "Pops the first element from one of multiple lists. Blocks until an element is available otherwise. "
                + "Deletes the list if the last element was popped."));
        table.register(spec("blmove", 6, flags | FLAG_DENYOOM, 1, 2, ListBlocking::blmove, "6.2.0",
            "Pops an element from a list, pushes it to another list and returns it. Blocks until an element is "
                + "available otherwise. Deletes the list if the last element was moved."));
        table.register(spec("brpoplpush", 4, flags | FLAG_DENYOOM, 1, 2, ListBlocking::brpoplpush, "2.2.0",
            "Pops an element from a list, pushes it to another list and returns it. Block until an element is "
                + "available otherwise. Deletes the list if the last element was popped."));
    }

    /** BLPOP/BRPOP reply: [key, element], nil array on timeout. */
    private static void popReply(final Client c, final KeyedElements popped) {
        final ReplyWriter r = c.reply();
        if (popped == null) {
            r.nullArray();
            return;
        }
        r.array(2);
        r.bulk(popped.key());
        r.bulk(popped.elements().get(0));
    }

    static void bpop(final Client c, final ListEnd end) {
        final long timeout = BlockingKeys.timeoutMillis(c, c.args().count() - 1);
        if (timeout < 0) {
            return;
        }
        final byte[][] keys = c.args().bytes(1, c.args().count() - 1);
        final KeyedElements now = c.db().lmpop(end, 1, keys);
        if (now != null) {
            popReply(c, now);
            return;
        }
        c.server().blocking().block(c, keys, timeout, new BlockingKeys.Request<KeyedElements>() {
            @Override
            public KeyedElements pop(final KvStore store, final byte[] key) {
                return store.lmpop(end, 1, key);
            }

            @Override
            public void reply(final Client client, final KeyedElements popped) {
                popReply(client, popped);
            }
        });
    }

    static void blmpop(final Client c) {
        final ListCommands.MpopArgs p = ListCommands.mpopArgs(c, 2);
        if (p == null) {
            return;
        }
        final long timeout = BlockingKeys.timeoutMillis(c, 1);
        if (timeout < 0) {
            return;
        }
        final KeyedElements now = c.db().lmpop(p.end(), p.count(), p.keys());
        if (now != null) {
            ListCommands.mpopReply(c.reply(), now);
            return;
        }
        c.server().blocking().block(c, p.keys(), timeout, new BlockingKeys.Request<KeyedElements>() {
            @Override
            public KeyedElements pop(final KvStore store, final byte[] key) {
                return store.lmpop(p.end(), p.count(), key);
            }

            @Override
            public void reply(final Client client, final KeyedElements popped) {
                ListCommands.mpopReply(client.reply(), popped);
            }
        });
    }

    static void blmove(final Client c) {
        final ListEnd from = ListCommands.end(c, 3);
        if (from == null) {
            return;
        }
        final ListEnd to = ListCommands.end(c, 4);
        if (to == null) {
            return;
        }
        final long timeout = BlockingKeys.timeoutMillis(c, 5);
        if (timeout >= 0) {
            move(c, from, to, timeout);
        }
    }

    static void brpoplpush(final Client c) {
        final long timeout = BlockingKeys.timeoutMillis(c, 3);
        if (timeout >= 0) {
            move(c, ListEnd.RIGHT, ListEnd.LEFT, timeout);
        }
    }

    /** The outcome of a served BLMOVE: the element moved, or the error the waiter is answered with. */
    private record Moved(byte[] element, KvError error) {
    }

    private static void move(final Client c, final ListEnd from, final ListEnd to, final long timeout) {
        final byte[] source = c.args().bytes(1);
        final byte[] destination = c.args().bytes(2);
        final KvStore db = c.db();
        // A source of another type fails here; a missing one blocks whatever the destination holds (Redis checks
        // the destination only when there is an element to move).
        final byte[] now = db.lmove(source, destination, from, to);
        if (now != null) {
            c.reply().bulk(now);
            return;
        }
        if (c.inExec()) {
            // Inside EXEC, Redis answers a move with nothing to move as LMOVE does: a null bulk, not the timeout's
            // null array.
            c.reply().raw(io.minikv.net.resp.SharedReplies.NULL_BULK);
            return;
        }
        final int dbIndex = c.dbIndex();
        final BlockingKeys blocking = c.server().blocking();
        blocking.block(c, new byte[][] {source}, timeout, new BlockingKeys.Request<Moved>() {
            @Override
            public Moved pop(final KvStore store, final byte[] key) {
                final byte[] moved;
                try {
                    moved = store.lmove(source, destination, from, to);
                } catch (final KvException e) {
                    // The source is a list again only if the destination was the key of the wrong type.
                    if (e.error() == KvError.WRONGTYPE && store.type(source) == ValueType.LIST) {
                        return new Moved(null, KvError.WRONGTYPE);
                    }
                    throw e;
                }
                if (moved == null) {
                    return null;
                }
                // The destination got an element: its own waiters are served next, as Redis's ready keys.
                blocking.signal(dbIndex, destination);
                return new Moved(moved, null);
            }

            @Override
            public void reply(final Client client, final Moved moved) {
                if (moved == null) {
                    client.reply().nullArray();
                } else if (moved.error() != null) {
                    client.reply().error(moved.error());
                } else {
                    client.reply().bulk(moved.element());
                }
            }
        });
    }
}
