package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_DENYOOM;
import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;

import java.util.Arrays;
import java.util.List;

import io.minikv.api.KvError;
import io.minikv.api.StreamAutoClaim;
import io.minikv.api.StreamConsumerInfo;
import io.minikv.api.StreamEntry;
import io.minikv.api.StreamGroupInfo;
import io.minikv.api.StreamId;
import io.minikv.api.StreamPendingEntry;
import io.minikv.api.StreamPendingSummary;
import io.minikv.api.ValueType;
import io.minikv.api.XClaimArgs;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

/**
 * The consumer group commands of {@code t_stream.c} but XREADGROUP ({@link StreamRead}): XGROUP, XACK, XPENDING,
 * XCLAIM, XAUTOCLAIM, XINFO GROUPS and XINFO CONSUMERS. Arguments are parsed in full first; when one is bad, the key
 * and group checks Redis makes before that argument are made too ({@link #lookup}), so the same bad input gets the
 * same error. Then the typed {@link io.minikv.api.KvStore} call, and the RESP2 reply.
 * <p>
 * Stateless; handlers run on the calling client's event loop.
 */
final class StreamGroupCommands {
    private static final byte[] CREATE = Keywords.k("CREATE");
    private static final byte[] SETID = Keywords.k("SETID");
    private static final byte[] DESTROY = Keywords.k("DESTROY");
    private static final byte[] CREATECONSUMER = Keywords.k("CREATECONSUMER");
    private static final byte[] MKSTREAM = Keywords.k("MKSTREAM");
    private static final byte[] ENTRIESREAD = Keywords.k("ENTRIESREAD");
    private static final byte[] IDLE = Keywords.k("IDLE");
    private static final byte[] TIME = Keywords.k("TIME");
    private static final byte[] RETRYCOUNT = Keywords.k("RETRYCOUNT");
    private static final byte[] FORCE = Keywords.k("FORCE");
    private static final byte[] JUSTID = Keywords.k("JUSTID");
    private static final byte[] LASTID = Keywords.k("LASTID");
    /** XAUTOCLAIM's default COUNT. */
    private static final long AUTOCLAIM_DEFAULT_COUNT = 100;
    /** XAUTOCLAIM's largest COUNT: {@code LONG_MAX / max(sizeof(streamID), attempts factor)}. */
    private static final long AUTOCLAIM_MAX_COUNT = Long.MAX_VALUE / 16;
    private static final String[] XGROUP_HELP = {
        "XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CREATE <key> <groupname> <id|$> [option]",
        "    Create a new consumer group. Options are:",
        "    * MKSTREAM",
        "      Create the empty stream if it does not exist.",
        "    * ENTRIESREAD entries_read",
        "      Set the group's entries_read counter (internal use).",
        "CREATECONSUMER <key> <groupname> <consumer>",
        "    Create a new consumer in the specified group.",
        "DELCONSUMER <key> <groupname> <consumer>",
        "    Remove the specified consumer.",
        "DESTROY <key> <groupname>",
        "    Remove the specified group.",
        "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
        "    Set the current group ID and entries_read counter.",
        "HELP",
        "    Prints this help."};

    /** What {@link #lookup} found. */
    enum Lookup { NO_KEY, NO_GROUP, FOUND }

    private StreamGroupCommands() {
    }

    /**
     * Registers the family (the XINFO subcommands are registered with XINFO, in {@link StreamCommands}).
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        final String group = StreamCommands.GROUP;
        table.register(CommandSpec.of("xgroup", -2, group, null)
            .doc("A container for consumer groups commands", "5.0.0")
            .sub(sub("xgroup|create", -5, FLAG_WRITE | FLAG_DENYOOM, "Create a consumer group.", "5.0.0"))
            .sub(sub("xgroup|setid", -5, FLAG_WRITE, "Set a consumer group to an arbitrary last delivered ID value.",
                "5.0.0"))
            .sub(sub("xgroup|destroy", 4, FLAG_WRITE, "Destroy a consumer group.", "5.0.0"))
            .sub(sub("xgroup|createconsumer", 5, FLAG_WRITE | FLAG_DENYOOM,
                "Create a consumer in a consumer group.", "6.2.0"))
            .sub(sub("xgroup|delconsumer", 5, FLAG_WRITE, "Delete a consumer from a consumer group.", "5.0.0"))
            .sub(CommandSpec.of("xgroup|help", 2, group, StreamGroupCommands::xgroupHelp)
                .flags(FLAG_LOADING | FLAG_STALE).doc("Show helpful text about the different subcommands", "5.0.0")
                .build())
            .build());
        table.register(StreamCommands.spec("xack", -4, FLAG_WRITE | FLAG_FAST, StreamGroupCommands::xack, "5.0.0",
            "Marks a pending message as correctly processed, effectively removing it from the pending entries list "
                + "of the consumer group. Return value of the command is the number of messages successfully "
                + "acknowledged, that is, the IDs we were actually able to resolve in the PEL."));
        table.register(StreamCommands.spec("xpending", -3, FLAG_READONLY, StreamGroupCommands::xpending, "5.0.0",
            "Return information and entries from a stream consumer group pending entries list, that are messages "
                + "fetched but never acknowledged."));
        table.register(StreamCommands.spec("xclaim", -6, FLAG_WRITE | FLAG_FAST, StreamGroupCommands::xclaim,
            "5.0.0", "Changes (or acquires) ownership of a message in a consumer group, as if the message was "
                + "delivered to the specified consumer."));
        table.register(StreamCommands.spec("xautoclaim", -6, FLAG_WRITE | FLAG_FAST,
            StreamGroupCommands::xautoclaim, "6.2.0", "Changes (or acquires) ownership of messages in a consumer "
                + "group, as if the messages were delivered to the specified consumer."));
    }

    private static CommandSpec sub(final String name, final int arity, final int flags, final String summary,
        final String since) {
        return CommandSpec.of(name, arity, StreamCommands.GROUP, StreamGroupCommands::xgroup).flags(flags)
            .keys(2, 2, 1).doc(summary, since).build();
    }

    /** XINFO's group subcommands, for {@link StreamCommands#register}. */
    static CommandSpec xinfoGroupsSpec() {
        return CommandSpec.of("xinfo|groups", 3, StreamCommands.GROUP, StreamGroupCommands::xinfoGroups)
            .flags(FLAG_READONLY).keys(2, 2, 1).doc("List the consumer groups of a stream", "5.0.0").build();
    }

    /** XINFO CONSUMERS, for {@link StreamCommands#register}. */
    static CommandSpec xinfoConsumersSpec() {
        return CommandSpec.of("xinfo|consumers", 4, StreamCommands.GROUP, StreamGroupCommands::xinfoConsumers)
            .flags(FLAG_READONLY).keys(2, 2, 1).doc("List the consumers in a consumer group", "5.0.0").build();
    }

    /**
     * Whether a key holds a stream with a group: the checks Redis makes before parsing the arguments a handler
     * found bad (only called then, so the common path reads the key once).
     *
     * @throws io.minikv.api.KvException WRONGTYPE when the key holds another type.
     */
    static Lookup lookup(final Client c, final byte[] key, final byte[] group) {
        final ValueType type = c.db().type(key);
        if (type == ValueType.NONE) {
            return Lookup.NO_KEY;
        }
        if (type != ValueType.STREAM) {
            throw KvError.WRONGTYPE.exception();
        }
        for (final StreamGroupInfo g : c.db().xinfoGroups(key)) {
            if (Arrays.equals(g.name(), group)) {
                return Lookup.FOUND;
            }
        }
        return Lookup.NO_GROUP;
    }

    /** Redis's NOGROUP texts format names with {@code %s}: up to the first NUL byte. */
    static String cString(final byte[] b) {
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return Dispatcher.latin1(Arrays.copyOf(b, end));
    }

    // ------------------------------------------------------------------------------------------------ XGROUP

    /** XGROUP CREATE, SETID, DESTROY, CREATECONSUMER and DELCONSUMER: {@code xgroupCommand}'s checks in order. */
    static void xgroup(final Client c) {
        final CommandArgs a = c.args();
        final int argc = a.count();
        final boolean create = a.is(1, CREATE);
        final boolean setId = a.is(1, SETID);
        boolean mkStream = false;
        long entriesRead = -1;
        for (int i = 5; i < argc; ) {
            if (create && a.is(i, MKSTREAM)) {
                mkStream = true;
                i++;
            } else if ((create || setId) && a.is(i, ENTRIESREAD) && i + 1 < argc) {
                if (!a.parseLong(i + 1)) {
                    c.reply().error(KvError.NOT_INTEGER);
                    return;
                }
                if (a.longValue() < -1) {
                    c.reply().error(KvError.XGROUP_ENTRIES_READ);
                    return;
                }
                entriesRead = a.longValue();
                i += 2;
            } else {
                c.reply().error(KvError.SUBCOMMAND_SYNTAX.format(a.string(1), "XGROUP"));
                return;
            }
        }
        final byte[] key = a.bytes(2);
        final byte[] group = a.bytes(3);
        if (!mkStream) {
            final Lookup found = lookup(c, key, group);
            if (found == Lookup.NO_KEY) {
                c.reply().error(KvError.XGROUP_KEY_MISSING);
                return;
            }
            if (found == Lookup.NO_GROUP && !create && !a.is(1, DESTROY)) {
                c.reply().error(KvError.STREAM_NOGROUP_FOR_KEY.format(cString(group), cString(key)));
                return;
            }
        } else if (c.db().type(key) != ValueType.NONE && c.db().type(key) != ValueType.STREAM) {
            c.reply().error(KvError.WRONGTYPE);
            return;
        }
        if (create || setId) {
            if (create ? argc > 8 : argc != 5 && argc != 7) {
                c.reply().error(KvError.SUBCOMMAND_SYNTAX.format(a.string(1), "XGROUP"));
                return;
            }
            StreamId id = null;
            if (!(a.length(4) == 1 && a.byteAt(4, 0) == '$')) {
                final StreamIds ids = new StreamIds();
                if (!ids.parse(a, 4, create, 0, false)) {
                    c.reply().error(KvError.STREAM_INVALID_ID);
                    return;
                }
                id = ids.id();
            }
            if (create) {
                c.db().xgroupCreate(key, group, id, mkStream, entriesRead);
            } else {
                c.db().xgroupSetId(key, group, id, entriesRead);
            }
            c.reply().ok();
        } else if (a.is(1, DESTROY)) {
            c.reply().integer(c.db().xgroupDestroy(key, group) ? 1 : 0);
        } else if (a.is(1, CREATECONSUMER)) {
            c.reply().integer(c.db().xgroupCreateConsumer(key, group, a.bytes(4)) ? 1 : 0);
        } else {
            c.reply().integer(c.db().xgroupDelConsumer(key, group, a.bytes(4)));
        }
    }

    static void xgroupHelp(final Client c) {
        c.reply().array(XGROUP_HELP.length);
        for (final String line : XGROUP_HELP) {
            c.reply().simple(line);
        }
    }

    // ------------------------------------------------------------------------------------------------ XACK

    /** XACK key group id [id ...]: a missing key or group answers 0 before the IDs are parsed. */
    static void xack(final Client c) {
        final CommandArgs a = c.args();
        final byte[] key = a.bytes(1);
        final byte[] group = a.bytes(2);
        final StreamIds parser = new StreamIds();
        final StreamId[] ids = new StreamId[a.count() - 3];
        for (int j = 3; j < a.count(); j++) {
            if (!parser.parse(a, j, true, 0, false)) {
                if (lookup(c, key, group) != Lookup.FOUND) {
                    c.reply().integer(0);
                } else {
                    c.reply().error(KvError.STREAM_INVALID_ID);
                }
                return;
            }
            ids[j - 3] = parser.id();
        }
        c.reply().integer(c.db().xack(key, group, ids));
    }

    // ------------------------------------------------------------------------------------------------ XPENDING

    /** XPENDING key group [[IDLE min-idle-time] start end count [consumer]]: parsed before the key is read. */
    static void xpending(final Client c) {
        final CommandArgs a = c.args();
        final int argc = a.count();
        if (argc != 3 && (argc < 6 || argc > 9)) {
            c.reply().error(KvError.SYNTAX);
            return;
        }
        final byte[] key = a.bytes(1);
        final byte[] group = a.bytes(2);
        if (argc == 3) {
            summary(c.reply(), c.db().xpending(key, group));
            return;
        }
        int from = 3;
        long minIdle = 0;
        if (a.is(3, IDLE)) {
            if (!a.parseLong(4)) {
                c.reply().error(KvError.NOT_INTEGER);
                return;
            }
            minIdle = a.longValue();
            if (argc < 8) {
                c.reply().error(KvError.SYNTAX);
                return;
            }
            from += 2;
        }
        if (!a.parseLong(from + 2)) {
            c.reply().error(KvError.NOT_INTEGER);
            return;
        }
        final long count = Math.max(0, a.longValue());
        final StreamId start = StreamCommands.startId(c, new StreamIds(), from);
        if (start == null) {
            return;
        }
        final StreamId end = StreamCommands.endId(c, new StreamIds(), from + 1);
        if (end == null) {
            return;
        }
        final byte[] consumer = from + 3 < argc ? a.bytes(from + 3) : null;
        final List<StreamPendingEntry> list = c.db().xpending(key, group, minIdle, start, end, count, consumer);
        final ReplyWriter r = c.reply();
        r.array(list.size());
        for (final StreamPendingEntry p : list) {
            r.array(4);
            r.bulk(p.id().toString());
            r.bulk(p.consumer());
            r.integer(p.idleMillis());
            r.integer(p.deliveryCount());
        }
    }

    private static void summary(final ReplyWriter r, final StreamPendingSummary s) {
        r.array(4);
        r.integer(s.count());
        if (s.count() == 0) {
            r.nullBulk();
            r.nullBulk();
            r.nullArray();
            return;
        }
        r.bulk(s.smallest().toString());
        r.bulk(s.largest().toString());
        r.array(s.consumers().size());
        for (final StreamPendingSummary.ConsumerCount cc : s.consumers()) {
            r.array(2);
            r.bulk(cc.name());
            r.bulk(Long.toString(cc.pending()));
        }
    }

    // ------------------------------------------------------------------------------------------------ XCLAIM

    /**
     * XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME ms] [RETRYCOUNT n] [FORCE] [JUSTID]
     * [LASTID id]: the IDs run up to the first argument that is not one; the rest are options.
     */
    static void xclaim(final Client c) {
        final CommandArgs a = c.args();
        final int argc = a.count();
        final byte[] key = a.bytes(1);
        final byte[] group = a.bytes(2);
        KvError error = null;
        String errorText = null;
        if (!a.parseLong(4)) {
            error = KvError.XCLAIM_MIN_IDLE;
        }
        final long minIdle = error == null ? Math.max(0, a.longValue()) : 0;
        final StreamIds parser = new StreamIds();
        int j = 5;
        while (j < argc && parser.parse(a, j, true, 0, false)) {
            j++;
        }
        final StreamId[] ids = new StreamId[j - 5];
        for (int k = 5; k < j; k++) {
            parser.parse(a, k, true, 0, false);
            ids[k - 5] = parser.id();
        }
        XClaimArgs args = XClaimArgs.none();
        for (; j < argc && error == null && errorText == null; j++) {
            final boolean more = j + 1 < argc;
            if (a.is(j, FORCE)) {
                args = args.force();
            } else if (a.is(j, JUSTID)) {
                args = args.justId();
            } else if (a.is(j, IDLE) && more) {
                j++;
                if (a.parseLong(j)) {
                    args = args.idle(a.longValue());
                } else {
                    error = KvError.XCLAIM_IDLE;
                }
            } else if (a.is(j, TIME) && more) {
                j++;
                if (a.parseLong(j)) {
                    args = args.time(a.longValue());
                } else {
                    error = KvError.XCLAIM_TIME;
                }
            } else if (a.is(j, RETRYCOUNT) && more) {
                j++;
                if (a.parseLong(j)) {
                    args = args.retryCount(a.longValue());
                } else {
                    error = KvError.XCLAIM_RETRYCOUNT;
                }
            } else if (a.is(j, LASTID) && more) {
                j++;
                if (parser.parse(a, j, true, 0, false)) {
                    args = args.lastId(parser.id());
                } else {
                    error = KvError.STREAM_INVALID_ID;
                }
            } else {
                errorText = KvError.XCLAIM_UNKNOWN_OPTION.format(a.string(j));
            }
        }
        if (error != null || errorText != null) {
            // Redis reads the key and the group before any argument.
            if (lookup(c, key, group) != Lookup.FOUND) {
                c.reply().error(KvError.STREAM_NOGROUP.format(cString(key), cString(group)));
            } else if (error != null) {
                c.reply().error(error);
            } else {
                c.reply().error(errorText);
            }
            return;
        }
        final List<StreamEntry> claimed = c.db().xclaim(key, group, a.bytes(3), minIdle, ids, args);
        claimedEntries(c.reply(), claimed);
    }

    /** Entries, or their IDs alone when their fields are null (JUSTID). */
    private static void claimedEntries(final ReplyWriter r, final List<StreamEntry> claimed) {
        r.array(claimed.size());
        for (final StreamEntry e : claimed) {
            if (e.fields() == null) {
                r.bulk(e.id().toString());
            } else {
                StreamCommands.entry(r, e);
            }
        }
    }

    /** XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID]: parsed before the key is read. */
    static void xautoclaim(final Client c) {
        final CommandArgs a = c.args();
        final int argc = a.count();
        if (!a.parseLong(4)) {
            c.reply().error(KvError.XAUTOCLAIM_MIN_IDLE);
            return;
        }
        final long minIdle = Math.max(0, a.longValue());
        final StreamId start = StreamCommands.startId(c, new StreamIds(), 5);
        if (start == null) {
            return;
        }
        long count = AUTOCLAIM_DEFAULT_COUNT;
        boolean justId = false;
        for (int j = 6; j < argc; j++) {
            if (a.is(j, Keywords.COUNT) && j + 1 < argc) {
                if (!a.parseLong(j + 1) || a.longValue() < 1 || a.longValue() > AUTOCLAIM_MAX_COUNT) {
                    c.reply().error(KvError.XAUTOCLAIM_COUNT);
                    return;
                }
                count = a.longValue();
                j++;
            } else if (a.is(j, JUSTID)) {
                justId = true;
            } else {
                c.reply().error(KvError.SYNTAX);
                return;
            }
        }
        final StreamAutoClaim result = c.db().xautoclaim(a.bytes(1), a.bytes(2), a.bytes(3), minIdle, start, count,
            justId);
        final ReplyWriter r = c.reply();
        r.array(3);
        r.bulk(result.next().toString());
        claimedEntries(r, result.claimed());
        r.array(result.deleted().size());
        for (final StreamId id : result.deleted()) {
            r.bulk(id.toString());
        }
    }

    // ------------------------------------------------------------------------------------------------ XINFO

    /** XINFO GROUPS key. */
    static void xinfoGroups(final Client c) {
        final List<StreamGroupInfo> groups = c.db().xinfoGroups(c.args().bytes(2));
        final ReplyWriter r = c.reply();
        r.array(groups.size());
        for (final StreamGroupInfo g : groups) {
            r.array(12);
            r.bulk("name");
            r.bulk(g.name());
            r.bulk("consumers");
            r.integer(g.consumers());
            r.bulk("pending");
            r.integer(g.pending());
            r.bulk("last-delivered-id");
            r.bulk(g.lastDeliveredId().toString());
            r.bulk("entries-read");
            nullableInteger(r, g.entriesRead());
            r.bulk("lag");
            nullableInteger(r, g.lag());
        }
    }

    /** XINFO CONSUMERS key group. */
    static void xinfoConsumers(final Client c) {
        final List<StreamConsumerInfo> consumers = c.db().xinfoConsumers(c.args().bytes(2), c.args().bytes(3));
        final ReplyWriter r = c.reply();
        r.array(consumers.size());
        for (final StreamConsumerInfo ci : consumers) {
            r.array(6);
            r.bulk("name");
            r.bulk(ci.name());
            r.bulk("pending");
            r.integer(ci.pending());
            r.bulk("idle");
            r.integer(ci.idleMillis());
        }
    }

    /** An integer, or a null bulk for Redis's {@code addReplyNull} (RESP2). */
    static void nullableInteger(final ReplyWriter r, final Long value) {
        if (value == null) {
            r.nullBulk();
        } else {
            r.integer(value);
        }
    }
}
