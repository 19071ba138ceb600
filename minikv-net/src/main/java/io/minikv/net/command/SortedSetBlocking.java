package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_BLOCKING;
import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_NOSCRIPT;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;
import static io.minikv.net.command.SortedSetCommands.spec;

import io.minikv.api.KeyedMembers;
import io.minikv.api.KvStore;
import io.minikv.api.ScoredMember;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

/**
 * BZPOPMIN, BZPOPMAX and BZMPOP: pop at once when a key has members, otherwise park the client in
 * {@link BlockingKeys} until a write serves it, its timeout passes (nil reply) or it disconnects. Timeouts are
 * seconds with decimals, 0 meaning forever, as Redis's {@code getTimeoutFromObjectOrReply}.
 * <p>
 * Stateless; handlers run on the calling client's event loop.
 */
final class SortedSetBlocking {
    private SortedSetBlocking() {
    }

    static void register(final CommandTable table) {
        final int flags = FLAG_WRITE | FLAG_BLOCKING;
        // As Redis 7.0: BZPOPMIN and BZPOPMAX are refused in scripts, BZMPOP runs there without blocking.
        table.register(spec("bzpopmin", -3, flags | FLAG_NOSCRIPT | FLAG_FAST, 1, -2, 1, c -> bzpop(c, false), "5.0.0",
            "Removes and returns the member with the lowest score from one or more sorted sets. Blocks until a "
                + "member is available otherwise. Deletes the sorted set if the last element was popped."));
        table.register(spec("bzpopmax", -3, flags | FLAG_NOSCRIPT | FLAG_FAST, 1, -2, 1, c -> bzpop(c, true), "5.0.0",
            "Removes and returns the member with the highest score from one or more sorted sets. Blocks until a "
                + "member available otherwise.  Deletes the sorted set if the last element was popped."));
        table.register(spec("bzmpop", -5, flags, 0, 0, 0, SortedSetBlocking::bzmpop, "7.0.0",
            "Removes and returns a member by score from one or more sorted sets. Blocks until a member is "
                + "available otherwise. Deletes the sorted set if the last element was popped."));
    }

    /** BZPOPMIN/BZPOPMAX reply: [key, member, score], nil array on timeout. */
    private static void popReply(final Client c, final KeyedMembers popped) {
        final ReplyWriter r = c.reply();
        if (popped == null || popped.members().isEmpty()) {
            r.nullArray();
            return;
        }
        final ScoredMember m = popped.members().get(0);
        r.array(3);
        r.bulk(popped.key());
        r.bulk(m.member());
        r.bulkDouble(m.score());
    }

    static void bzpop(final Client c, final boolean max) {
        final CommandArgs a = c.args();
        final long timeout = BlockingKeys.timeoutMillis(c, a.count() - 1);
        if (timeout < 0) {
            return;
        }
        final byte[][] keys = a.bytes(1, a.count() - 1);
        final KeyedMembers now = c.db().zmpop(max, 1, keys);
        if (now != null) {
            popReply(c, now);
            return;
        }
        c.server().blocking().block(c, keys, timeout, new BlockingKeys.Request<KeyedMembers>() {
            @Override
            public KeyedMembers pop(final KvStore store, final byte[] key) {
                return store.zmpop(max, 1, key);
            }

            @Override
            public void reply(final Client client, final KeyedMembers popped) {
                popReply(client, popped);
            }
        });
    }

    static void bzmpop(final Client c) {
        // Redis reads numkeys, MIN|MAX and COUNT before the timeout.
        final long[] p = SortedSetCommands.mpopArgs(c, 2);
        if (p == null) {
            return;
        }
        final long timeout = BlockingKeys.timeoutMillis(c, 1);
        if (timeout < 0) {
            return;
        }
        final boolean max = p[0] == 1;
        final long count = p[1];
        final byte[][] keys = c.args().bytes((int) p[2], (int) (p[2] + p[3]));
        final KeyedMembers now = c.db().zmpop(max, count, keys);
        if (now != null) {
            SortedSetCommands.mpopReply(c.reply(), now);
            return;
        }
        c.server().blocking().block(c, keys, timeout, new BlockingKeys.Request<KeyedMembers>() {
            @Override
            public KeyedMembers pop(final KvStore store, final byte[] key) {
                return store.zmpop(max, count, key);
            }

            @Override
            public void reply(final Client client, final KeyedMembers popped) {
                SortedSetCommands.mpopReply(client.reply(), popped);
            }
        });
    }
}
