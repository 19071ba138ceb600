package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_BLOCKING;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;

import java.util.Arrays;
import java.util.List;

import io.minikv.api.KvError;
import io.minikv.api.KvException;
import io.minikv.api.KvStore;
import io.minikv.api.StreamEntries;
import io.minikv.api.StreamId;
import io.minikv.api.ValueType;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

/**
 * XREAD and XREADGROUP. XREAD: read at once when a stream has entries above the ID given for it, otherwise (with BLOCK) park the client in
 * {@link BlockingKeys} until a write serves it, its timeout passes (nil reply) or it disconnects, as Redis's
 * {@code xreadCommand}. {@code $} stands for the stream's last generated ID when the command runs, so a blocked
 * reader is served only what is added afterwards. A served reader gets the one stream that woke it, as in Redis
 * 7.0. BLOCK takes milliseconds, 0 meaning forever; inside MULTI or a script neither blocks. XREADGROUP reads
 * through a consumer group ({@link io.minikv.api.KvStreams#xreadgroup}) and blocks only for {@code >}.
 * <p>
 * Stateless; handlers run on the calling client's event loop.
 */
final class StreamRead {
    private static final byte[] BLOCK = Keywords.k("BLOCK");
    private static final byte[] STREAMS = Keywords.k("STREAMS");
    private static final byte[] GROUP = Keywords.k("GROUP");
    private static final byte[] NOACK = Keywords.k("NOACK");
    /** Redis's {@code XREAD_BLOCKED_DEFAULT_COUNT}: what a blocked XREADGROUP without COUNT is served at most. */
    private static final long BLOCKED_DEFAULT_COUNT = 1000;

    private StreamRead() {
    }

    static void register(final CommandTable table) {
        table.register(CommandSpec.of("xread", -4, StreamCommands.GROUP, StreamRead::xread)
            .flags(FLAG_READONLY | FLAG_BLOCKING).keys(0, 0, 0)
            .doc("Return never seen elements in multiple streams, with IDs greater than the ones reported by the "
                + "caller for each stream. Can block.", "5.0.0").build());
        table.register(CommandSpec.of("xreadgroup", -7, StreamCommands.GROUP, StreamRead::xreadgroup)
            .flags(FLAG_WRITE | FLAG_BLOCKING).keys(0, 0, 0)
            .doc("Return new entries from a stream using a consumer group, or access the history of the pending "
                + "entries for a given consumer. Can block.", "5.0.0").build());
    }

    /** Writes XREAD's reply: one [key, entries] pair per stream read. */
    static void reply(final ReplyWriter r, final List<StreamEntries> read) {
        if (read == null || read.isEmpty()) {
            r.nullArray();
            return;
        }
        r.array(read.size());
        for (final StreamEntries s : read) {
            r.array(2);
            r.bulk(s.key());
            StreamCommands.entries(r, s.entries());
        }
    }

    static void xread(final Client c) {
        read(c, false);
    }

    static void xreadgroup(final Client c) {
        read(c, true);
    }

    /** XREAD and XREADGROUP share Redis's {@code xreadCommand}: one option parser, one error order. */
    private static void read(final Client c, final boolean xreadgroup) {
        final CommandArgs a = c.args();
        final int argc = a.count();
        long timeout = -1;
        long count = 0;
        int streamsArg = 0;
        int streams = 0;
        byte[] group = null;
        byte[] consumer = null;
        boolean noAck = false;
        for (int i = 1; i < argc; i++) {
            final int more = argc - i - 1;
            if (a.is(i, BLOCK) && more > 0) {
                if (c.isScript()) {
                    c.reply().error(KvError.XREAD_BLOCK_IN_SCRIPT.format(a.string(0)));
                    return;
                }
                i++;
                if (!a.parseLong(i)) {
                    c.reply().error(KvError.TIMEOUT_NOT_INTEGER);
                    return;
                }
                if (a.longValue() < 0) {
                    c.reply().error(KvError.TIMEOUT_NEGATIVE);
                    return;
                }
                timeout = a.longValue();
            } else if (a.is(i, Keywords.COUNT) && more > 0) {
                i++;
                if (!a.parseLong(i)) {
                    c.reply().error(KvError.NOT_INTEGER);
                    return;
                }
                count = Math.max(0, a.longValue());
            } else if (a.is(i, STREAMS) && more > 0) {
                streamsArg = i + 1;
                streams = argc - streamsArg;
                if (streams % 2 != 0) {
                    c.reply().error(KvError.XREAD_UNBALANCED);
                    return;
                }
                streams /= 2;
                break;
            } else if (a.is(i, GROUP) && more >= 2) {
                if (!xreadgroup) {
                    c.reply().error(KvError.XREAD_GROUP_OPTION);
                    return;
                }
                group = a.bytes(i + 1);
                consumer = a.bytes(i + 2);
                i += 2;
            } else if (a.is(i, NOACK)) {
                if (!xreadgroup) {
                    c.reply().error(KvError.XREAD_NOACK_OPTION);
                    return;
                }
                noAck = true;
            } else {
                c.reply().error(KvError.SYNTAX);
                return;
            }
        }
        if (streamsArg == 0) {
            c.reply().error(KvError.SYNTAX);
            return;
        }
        if (xreadgroup && group == null) {
            c.reply().error(KvError.XREADGROUP_MISSING_GROUP);
            return;
        }
        final byte[][] keys = a.bytes(streamsArg, streamsArg + streams);
        if (xreadgroup) {
            readGroup(c, group, consumer, count, noAck, timeout, keys, streamsArg + streams);
            return;
        }
        final StreamId[] ids = parseIds(c, keys, streamsArg + streams);
        if (ids == null) {
            return;
        }
        final List<StreamEntries> now = c.db().xread(count, keys, ids);
        if (!now.isEmpty() || timeout < 0) {
            reply(c.reply(), now);
            return;
        }
        final long perStream = count;
        c.server().blocking().block(c, keys, timeout, new BlockingKeys.Request<List<StreamEntries>>() {
            @Override
            public List<StreamEntries> pop(final KvStore store, final byte[] key) {
                for (int i = 0; i < keys.length; i++) {
                    if (Arrays.equals(keys[i], key)) {
                        final List<StreamEntries> read = store.xread(perStream, new byte[][] {key},
                            new StreamId[] {ids[i]});
                        return read.isEmpty() ? null : read;
                    }
                }
                return null;
            }

            @Override
            public void reply(final Client client, final List<StreamEntries> read) {
                StreamRead.reply(client.reply(), read);
            }
        });
    }

    /** What a blocked XREADGROUP is woken with: entries, or the error Redis gives when the key or group went. */
    private record Served(List<StreamEntries> read, KvError error) {
    }

    /**
     * XREADGROUP after its options: the IDs ({@code >} is {@link StreamId#MAX}, as Redis encodes it), the read, and
     * with BLOCK and nothing to serve, a wait that an XADD serves, and that XGROUP DESTROY (NOGROUP) or the key's
     * deletion or overwrite (UNBLOCKED) ends with an error, as Redis 7.0.15 does. A blocked read gets at most COUNT
     * entries, 1000 without COUNT (Redis's {@code XREAD_BLOCKED_DEFAULT_COUNT}).
     */
    private static void readGroup(final Client c, final byte[] group, final byte[] consumer, final long count,
        final boolean noAck, final long timeout, final byte[][] keys, final int firstId) {
        final CommandArgs a = c.args();
        final StreamIds parser = new StreamIds();
        final StreamId[] ids = new StreamId[keys.length];
        for (int k = 0; k < keys.length; k++) {
            final int i = firstId + k;
            KvError error = null;
            if (a.length(i) == 1 && a.byteAt(i, 0) == '>') {
                ids[k] = StreamId.MAX;
            } else if (a.length(i) == 1 && a.byteAt(i, 0) == '$') {
                error = KvError.XREADGROUP_DOLLAR_ID;
            } else if (parser.parse(a, i, true, 0, false)) {
                ids[k] = parser.id();
            } else {
                error = KvError.STREAM_INVALID_ID;
            }
            if (error != null) {
                // Redis checks each key and its group before that key's ID.
                for (int j = 0; j <= k; j++) {
                    if (StreamGroupCommands.lookup(c, keys[j], group) != StreamGroupCommands.Lookup.FOUND) {
                        c.reply().error(KvError.XREADGROUP_NOGROUP.format(StreamGroupCommands.cString(keys[j]),
                            StreamGroupCommands.cString(group)));
                        return;
                    }
                }
                c.reply().error(error);
                return;
            }
        }
        final List<StreamEntries> now = c.db().xreadgroup(group, consumer, count, noAck, keys, ids);
        if (!now.isEmpty() || timeout < 0) {
            reply(c.reply(), now);
            return;
        }
        final long perStream = count == 0 ? BLOCKED_DEFAULT_COUNT : count;
        c.server().blocking().block(c, keys, timeout, new BlockingKeys.Request<Served>() {
            @Override
            public Served pop(final KvStore store, final byte[] key) {
                if (store.type(key) != ValueType.STREAM) {
                    return new Served(null, KvError.XREADGROUP_KEY_GONE);
                }
                try {
                    final List<StreamEntries> read = store.xreadgroup(group, consumer, perStream, noAck,
                        new byte[][] {key}, new StreamId[] {StreamId.MAX});
                    return read.isEmpty() ? null : new Served(read, null);
                } catch (final KvException e) {
                    if (e.error() == KvError.XREADGROUP_NOGROUP) {
                        return new Served(null, KvError.XREADGROUP_GROUP_GONE);
                    }
                    throw e;
                }
            }

            @Override
            public void reply(final Client client, final Served served) {
                if (served == null) {
                    StreamRead.reply(client.reply(), null);
                } else if (served.error() != null) {
                    client.reply().error(served.error());
                } else {
                    StreamRead.reply(client.reply(), served.read());
                }
            }
        });
    }

    /**
     * Resolves the IDs in Redis's order: for each stream, its key's type, then its ID ({@code $} is the stream's
     * last generated ID, 0-0 for a missing key). Null after an error reply.
     */
    private static StreamId[] parseIds(final Client c, final byte[][] keys, final int first) {
        final CommandArgs a = c.args();
        final StreamIds parser = new StreamIds();
        final StreamId[] ids = new StreamId[keys.length];
        for (int k = 0; k < keys.length; k++) {
            final int i = first + k;
            final ValueType type = c.db().type(keys[k]);
            if (type != ValueType.NONE && type != ValueType.STREAM) {
                c.reply().error(KvError.WRONGTYPE);
                return null;
            }
            if (a.length(i) == 1 && a.byteAt(i, 0) == '$') {
                ids[k] = type == ValueType.NONE ? StreamId.MIN : c.db().xinfoStream(keys[k]).lastGeneratedId();
                continue;
            }
            if (a.length(i) == 1 && a.byteAt(i, 0) == '>') {
                c.reply().error(KvError.XREAD_GREATER_ID);
                return null;
            }
            if (!parser.parse(a, i, true, 0, false)) {
                c.reply().error(KvError.STREAM_INVALID_ID);
                return null;
            }
            ids[k] = parser.id();
        }
        return ids;
    }
}
