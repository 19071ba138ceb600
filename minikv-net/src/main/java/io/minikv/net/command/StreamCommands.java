package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_DENYOOM;
import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;

import java.util.List;

import io.minikv.api.FieldValue;
import io.minikv.api.KvError;
import io.minikv.api.StreamConsumerDetail;
import io.minikv.api.StreamEntry;
import io.minikv.api.StreamFullInfo;
import io.minikv.api.StreamGroupDetail;
import io.minikv.api.StreamId;
import io.minikv.api.StreamInfo;
import io.minikv.api.StreamPendingEntry;
import io.minikv.api.ValueType;
import io.minikv.api.XAddArgs;
import io.minikv.api.XTrimArgs;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

/**
 * The stream commands ({@code t_stream.c}) but XREAD and XREADGROUP ({@link StreamRead}) and the consumer group
 * commands ({@link StreamGroupCommands}): argument parsing in Redis's order (so the
 * same bad input gets the same error), the typed {@link io.minikv.api.KvStore} call, and the RESP2 reply.
 * <p>
 * Stateless; handlers run on the calling client's event loop.
 */
final class StreamCommands {
    static final String GROUP = "stream";
    private static final byte[] MAXLEN = Keywords.k("MAXLEN");
    private static final byte[] MINID = Keywords.k("MINID");
    private static final byte[] LIMIT = Keywords.k("LIMIT");
    private static final byte[] NOMKSTREAM = Keywords.k("NOMKSTREAM");
    private static final byte[] ENTRIESADDED = Keywords.k("ENTRIESADDED");
    private static final byte[] MAXDELETEDID = Keywords.k("MAXDELETEDID");
    private static final byte[] FULL = Keywords.k("FULL");
    /** XINFO STREAM FULL's default COUNT. */
    private static final long FULL_DEFAULT_COUNT = 10;
    private static final String[] XINFO_HELP = {
        "XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CONSUMERS <key> <groupname>",
        "    Show consumers of <groupname>.",
        "GROUPS <key>",
        "    Show the stream consumer groups.",
        "STREAM <key> [FULL [COUNT <count>]",
        "    Show information about the stream.",
        "HELP",
        "    Prints this help."};

    private StreamCommands() {
    }

    /**
     * Registers the family.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        table.register(spec("xadd", -5, FLAG_WRITE | FLAG_DENYOOM | FLAG_FAST, StreamCommands::xadd, "5.0.0",
            "Appends a new entry to a stream"));
        table.register(spec("xlen", 2, FLAG_READONLY | FLAG_FAST, StreamCommands::xlen, "5.0.0",
            "Return the number of entries in a stream"));
        table.register(spec("xrange", -4, FLAG_READONLY, c -> xrange(c, false), "5.0.0",
            "Return a range of elements in a stream, with IDs matching the specified IDs interval"));
        table.register(spec("xrevrange", -4, FLAG_READONLY, c -> xrange(c, true), "5.0.0",
            "Return a range of elements in a stream, with IDs matching the specified IDs interval, in reverse order "
                + "(from greater to smaller IDs) compared to XRANGE"));
        table.register(spec("xdel", -3, FLAG_WRITE | FLAG_FAST, StreamCommands::xdel, "5.0.0",
            "Removes the specified entries from the stream. Returns the number of items actually deleted, that may "
                + "be different from the number of IDs passed in case certain IDs do not exist."));
        table.register(spec("xtrim", -4, FLAG_WRITE, StreamCommands::xtrim, "5.0.0",
            "Trims the stream to (approximately if '~' is passed) a certain size"));
        table.register(spec("xsetid", -3, FLAG_WRITE | FLAG_DENYOOM | FLAG_FAST, StreamCommands::xsetid, "5.0.0",
            "An internal command for replicating stream values"));
        table.register(CommandSpec.of("xinfo", -2, GROUP, null)
            .doc("A container for stream introspection commands", "5.0.0")
            .sub(CommandSpec.of("xinfo|stream", -3, GROUP, StreamCommands::xinfoStream).flags(FLAG_READONLY)
                .keys(2, 2, 1).doc("Get information about a stream", "5.0.0").build())
            .sub(StreamGroupCommands.xinfoGroupsSpec())
            .sub(StreamGroupCommands.xinfoConsumersSpec())
            .sub(CommandSpec.of("xinfo|help", 2, GROUP, StreamCommands::xinfoHelp)
                .flags(FLAG_LOADING | FLAG_STALE).doc("Show helpful text about the different subcommands", "5.0.0")
                .build())
            .build());
        StreamRead.register(table);
        StreamGroupCommands.register(table);
    }

    static CommandSpec spec(final String name, final int arity, final int flags, final CommandHandler handler,
        final String since, final String summary) {
        return CommandSpec.of(name, arity, GROUP, handler).flags(flags).keys(1, 1, 1).doc(summary, since).build();
    }

    // ------------------------------------------------------------------------------------------------ replies

    /** Writes one entry: [id, [field, value, ...]], or [id, nil] for a pending entry deleted since (XREADGROUP). */
    static void entry(final ReplyWriter r, final StreamEntry e) {
        r.array(2);
        r.bulk(e.id().toString());
        final List<FieldValue> fields = e.fields();
        if (fields == null) {
            r.nullArray();
            return;
        }
        r.array(2L * fields.size());
        for (int i = 0; i < fields.size(); i++) {
            r.bulk(fields.get(i).field());
            r.bulk(fields.get(i).value());
        }
    }

    /** Writes entries as an array. */
    static void entries(final ReplyWriter r, final List<StreamEntry> list) {
        r.array(list.size());
        for (int i = 0; i < list.size(); i++) {
            entry(r, list.get(i));
        }
    }

    // ------------------------------------------------------------------------------------------------ XADD / XTRIM

    /** The MAXLEN/MINID/LIMIT options parsed by {@link #parseTrim}, plus XADD's ID position. */
    private static final class TrimOptions {
        XTrimArgs rule;
        boolean approximate;
        boolean limitGiven;
        long limit;
        boolean noMkStream;
        /** XADD: the ID's argument index. */
        int idIndex = -1;
    }

    /**
     * Parses the options of XADD (from index 2 up to and including the ID) or XTRIM (to the end), as Redis's
     * {@code streamParseAddOrTrimArgsOrReply}. Returns null after an error reply.
     */
    private static TrimOptions parseTrim(final Client c, final boolean xadd, final StreamIds ids) {
        final CommandArgs a = c.args();
        final int argc = a.count();
        final TrimOptions o = new TrimOptions();
        for (int i = 2; i < argc; i++) {
            final int more = argc - 1 - i;
            if (xadd && a.length(i) == 1 && a.byteAt(i, 0) == '*') {
                o.idIndex = i;
                break;
            } else if ((a.is(i, MAXLEN) || a.is(i, MINID)) && more > 0) {
                final boolean maxLen = a.is(i, MAXLEN);
                if (o.rule != null) {
                    c.reply().error(KvError.STREAM_MAXLEN_AND_MINID);
                    return null;
                }
                o.approximate = false;
                if (more >= 2 && a.length(i + 1) == 1 && (a.byteAt(i + 1, 0) == '~' || a.byteAt(i + 1, 0) == '=')) {
                    o.approximate = a.byteAt(i + 1, 0) == '~';
                    i++;
                }
                if (maxLen) {
                    if (!a.parseLong(i + 1)) {
                        c.reply().error(KvError.NOT_INTEGER);
                        return null;
                    }
                    if (a.longValue() < 0) {
                        c.reply().error(KvError.STREAM_MAXLEN_NEGATIVE);
                        return null;
                    }
                    o.rule = XTrimArgs.maxLen(a.longValue());
                } else {
                    if (!ids.parse(a, i + 1, true, 0, false)) {
                        c.reply().error(KvError.STREAM_INVALID_ID);
                        return null;
                    }
                    o.rule = XTrimArgs.minId(ids.id());
                }
                i++;
            } else if (a.is(i, LIMIT) && more > 0) {
                if (!a.parseLong(i + 1)) {
                    c.reply().error(KvError.NOT_INTEGER);
                    return null;
                }
                if (a.longValue() < 0) {
                    c.reply().error(KvError.STREAM_LIMIT_NEGATIVE);
                    return null;
                }
                o.limit = a.longValue();
                o.limitGiven = true;
                i++;
            } else if (xadd && a.is(i, NOMKSTREAM)) {
                o.noMkStream = true;
            } else if (xadd) {
                if (!ids.parse(a, i, true, 0, true)) {
                    c.reply().error(KvError.STREAM_INVALID_ID);
                    return null;
                }
                o.idIndex = i;
                break;
            } else {
                c.reply().error(KvError.SYNTAX);
                return null;
            }
        }
        if (o.limit != 0 && o.rule == null) {
            c.reply().error(KvError.STREAM_LIMIT_WITHOUT_STRATEGY);
            return null;
        }
        if (!xadd && o.rule == null) {
            c.reply().error(KvError.STREAM_XTRIM_NO_STRATEGY);
            return null;
        }
        if (o.limitGiven && !o.approximate) {
            c.reply().error(KvError.STREAM_LIMIT_WITHOUT_APPROX);
            return null;
        }
        if (o.rule != null && o.approximate) {
            o.rule = o.limitGiven ? o.rule.approximate().limit(o.limit) : o.rule.approximate();
        }
        return o;
    }

    static void xadd(final Client c) {
        final CommandArgs a = c.args();
        final StreamIds ids = new StreamIds();
        final TrimOptions o = parseTrim(c, true, ids);
        if (o == null) {
            return;
        }
        final int fieldPos = o.idIndex < 0 ? a.count() + 1 : o.idIndex + 1;
        final int fieldArgs = a.count() - fieldPos;
        if (fieldArgs < 2 || fieldArgs % 2 == 1) {
            c.reply().error(KvError.wrongArity("xadd"));
            return;
        }
        XAddArgs args;
        if (a.length(o.idIndex) == 1 && a.byteAt(o.idIndex, 0) == '*') {
            args = XAddArgs.autoId();
        } else if (ids.autoSequence()) {
            args = XAddArgs.idWithAutoSequence(ids.ms());
        } else {
            args = XAddArgs.id(ids.id());
        }
        if (o.noMkStream) {
            args = args.noMkStream();
        }
        if (o.rule != null) {
            args = args.trim(o.rule);
        }
        final List<FieldValue> fields = new java.util.ArrayList<>(fieldArgs / 2);
        for (int i = fieldPos; i < a.count(); i += 2) {
            fields.add(new FieldValue(a.bytes(i), a.bytes(i + 1)));
        }
        final StreamId id = c.db().xadd(a.bytes(1), args, fields);
        if (id == null) {
            c.reply().nullBulk();
        } else {
            c.reply().bulk(id.toString());
        }
    }

    static void xtrim(final Client c) {
        final TrimOptions o = parseTrim(c, false, new StreamIds());
        if (o != null) {
            c.reply().integer(c.db().xtrim(c.args().bytes(1), o.rule));
        }
    }

    // ------------------------------------------------------------------------------------------------ reads

    static void xlen(final Client c) {
        c.reply().integer(c.db().xlen(c.args().bytes(1)));
    }

    /** XRANGE key start end [COUNT n] and XREVRANGE key end start [COUNT n]. */
    static void xrange(final Client c, final boolean reverse) {
        final CommandArgs a = c.args();
        final StreamIds ids = new StreamIds();
        final int startArg = reverse ? 3 : 2;
        final int endArg = reverse ? 2 : 3;
        final StreamId startId = startId(c, ids, startArg);
        if (startId == null) {
            return;
        }
        final StreamId endId = endId(c, ids, endArg);
        if (endId == null) {
            return;
        }
        long count = -1;
        for (int j = 4; j < a.count(); j++) {
            if (a.is(j, Keywords.COUNT) && j + 1 < a.count()) {
                if (!a.parseLong(j + 1)) {
                    c.reply().error(KvError.NOT_INTEGER);
                    return;
                }
                count = Math.max(0, a.longValue());
                j++;
            } else {
                c.reply().error(KvError.SYNTAX);
                return;
            }
        }
        final byte[] key = a.bytes(1);
        if (count == 0) {
            // Redis looks the key up first (empty array when missing), then answers nil for COUNT 0.
            final ValueType type = c.db().type(key);
            if (type == ValueType.NONE) {
                c.reply().array(0);
            } else if (type != ValueType.STREAM) {
                c.reply().error(KvError.WRONGTYPE);
            } else {
                c.reply().nullArray();
            }
            return;
        }
        final List<StreamEntry> list = reverse ? c.db().xrevrange(key, endId, startId, count)
            : c.db().xrange(key, startId, endId, count);
        entries(c.reply(), list);
    }

    /**
     * Parses the lower bound of an ID interval (XRANGE, XPENDING, XAUTOCLAIM): {@code (id} is exclusive, a lone
     * {@code ms} means {@code ms-0}. Null after an error reply.
     */
    static StreamId startId(final Client c, final StreamIds ids, final int i) {
        final StreamId start = intervalId(c, ids, i, 0);
        if (start == null) {
            return null;
        }
        final StreamId startId = exclusive(c.args(), i) ? start.next() : start;
        if (startId == null) {
            c.reply().error(KvError.STREAM_INVALID_START);
        }
        return startId;
    }

    /** Parses the upper bound of an ID interval: a lone {@code ms} means its last sequence. Null after an error. */
    static StreamId endId(final Client c, final StreamIds ids, final int i) {
        final StreamId end = intervalId(c, ids, i, -1L);
        if (end == null) {
            return null;
        }
        final StreamId endId = exclusive(c.args(), i) ? end.previous() : end;
        if (endId == null) {
            c.reply().error(KvError.STREAM_INVALID_END);
        }
        return endId;
    }

    private static boolean exclusive(final CommandArgs a, final int i) {
        return a.length(i) > 1 && a.byteAt(i, 0) == '(';
    }

    /** An XRANGE bound: {@code (id} strict, else {@code -}, {@code +} or an ID. Null after an error reply. */
    private static StreamId intervalId(final Client c, final StreamIds ids, final int i, final long missingSeq) {
        final CommandArgs a = c.args();
        final boolean ok;
        if (exclusive(a, i)) {
            final byte[] raw = a.bytes(i);
            ok = ids.parse(java.util.Arrays.copyOfRange(raw, 1, raw.length), true, missingSeq, false);
        } else {
            ok = ids.parse(a, i, false, missingSeq, false);
        }
        if (!ok) {
            c.reply().error(KvError.STREAM_INVALID_ID);
            return null;
        }
        return ids.id();
    }

    // ------------------------------------------------------------------------------------------------ XDEL / XSETID

    static void xdel(final Client c) {
        final CommandArgs a = c.args();
        final byte[] key = a.bytes(1);
        // Redis looks the key up before it parses the IDs: a missing key answers 0 whatever they are.
        final ValueType type = c.db().type(key);
        if (type == ValueType.NONE) {
            c.reply().integer(0);
            return;
        }
        if (type != ValueType.STREAM) {
            c.reply().error(KvError.WRONGTYPE);
            return;
        }
        final StreamIds ids = new StreamIds();
        final StreamId[] list = new StreamId[a.count() - 2];
        for (int j = 2; j < a.count(); j++) {
            if (!ids.parse(a, j, true, 0, false)) {
                c.reply().error(KvError.STREAM_INVALID_ID);
                return;
            }
            list[j - 2] = ids.id();
        }
        c.reply().integer(c.db().xdel(key, list));
    }

    static void xsetid(final Client c) {
        final CommandArgs a = c.args();
        final StreamIds ids = new StreamIds();
        if (!ids.parse(a, 2, true, 0, false)) {
            c.reply().error(KvError.STREAM_INVALID_ID);
            return;
        }
        final StreamId id = ids.id();
        long entriesAdded = -1;
        StreamId maxDeleted = null;
        for (int i = 3; i < a.count(); i += 2) {
            final boolean more = i + 1 < a.count();
            if (a.is(i, ENTRIESADDED) && more) {
                if (!a.parseLong(i + 1)) {
                    c.reply().error(KvError.NOT_INTEGER);
                    return;
                }
                if (a.longValue() < 0) {
                    c.reply().error(KvError.XSETID_ENTRIES_ADDED_NEGATIVE);
                    return;
                }
                entriesAdded = a.longValue();
            } else if (a.is(i, MAXDELETEDID) && more) {
                if (!ids.parse(a, i + 1, true, 0, false)) {
                    c.reply().error(KvError.STREAM_INVALID_ID);
                    return;
                }
                maxDeleted = ids.id();
                if (id.compareTo(maxDeleted) < 0) {
                    c.reply().error(KvError.XSETID_BELOW_GIVEN_MAX_DELETED);
                    return;
                }
            } else {
                c.reply().error(KvError.SYNTAX);
                return;
            }
        }
        c.db().xsetid(a.bytes(1), id, entriesAdded, maxDeleted);
        c.reply().ok();
    }

    // ------------------------------------------------------------------------------------------------ XINFO

    /** XINFO STREAM key [FULL [COUNT count]]. */
    static void xinfoStream(final Client c) {
        final CommandArgs a = c.args();
        final byte[] key = a.bytes(2);
        // The key is looked up before the options are parsed, as in Redis.
        StreamInfo info = c.db().xinfoStream(key);
        final int options = a.count() - 3;
        long count = FULL_DEFAULT_COUNT;
        if (options > 0) {
            if (options != 1 && options != 3 || !a.is(3, FULL) || options == 3 && !a.is(4, Keywords.COUNT)) {
                c.reply().error(KvError.SUBCOMMAND_SYNTAX.format(a.string(1), "XINFO"));
                return;
            }
            if (options == 3) {
                if (!a.parseLong(5)) {
                    c.reply().error(KvError.NOT_INTEGER);
                    return;
                }
                count = a.longValue() < 0 ? FULL_DEFAULT_COUNT : a.longValue();
            }
        }
        final StreamFullInfo full = options == 0 ? null : c.db().xinfoStreamFull(key, count);
        if (full != null) {
            info = full.info();
        }
        final ReplyWriter r = c.reply();
        r.array(options == 0 ? 20 : 18);
        r.bulk("length");
        r.integer(info.length());
        r.bulk("radix-tree-keys");
        r.integer(info.radixTreeKeys());
        r.bulk("radix-tree-nodes");
        r.integer(info.radixTreeNodes());
        r.bulk("last-generated-id");
        r.bulk(info.lastGeneratedId().toString());
        r.bulk("max-deleted-entry-id");
        r.bulk(info.maxDeletedEntryId().toString());
        r.bulk("entries-added");
        r.integer(info.entriesAdded());
        r.bulk("recorded-first-entry-id");
        r.bulk(info.recordedFirstEntryId().toString());
        if (options == 0) {
            r.bulk("groups");
            r.integer(info.groups());
            r.bulk("first-entry");
            edgeEntry(r, info.firstEntry());
            r.bulk("last-entry");
            edgeEntry(r, info.lastEntry());
            return;
        }
        r.bulk("entries");
        entries(r, full.entries());
        r.bulk("groups");
        r.array(full.groups().size());
        for (final StreamGroupDetail g : full.groups()) {
            r.array(14);
            r.bulk("name");
            r.bulk(g.name());
            r.bulk("last-delivered-id");
            r.bulk(g.lastDeliveredId().toString());
            r.bulk("entries-read");
            StreamGroupCommands.nullableInteger(r, g.entriesRead());
            r.bulk("lag");
            StreamGroupCommands.nullableInteger(r, g.lag());
            r.bulk("pel-count");
            r.integer(g.pelCount());
            r.bulk("pending");
            r.array(g.pending().size());
            for (final StreamPendingEntry p : g.pending()) {
                r.array(4);
                r.bulk(p.id().toString());
                r.bulk(p.consumer());
                r.integer(p.deliveryTimeMillis());
                r.integer(p.deliveryCount());
            }
            r.bulk("consumers");
            r.array(g.consumers().size());
            for (final StreamConsumerDetail consumer : g.consumers()) {
                r.array(8);
                r.bulk("name");
                r.bulk(consumer.name());
                r.bulk("seen-time");
                r.integer(consumer.seenTimeMillis());
                r.bulk("pel-count");
                r.integer(consumer.pelCount());
                r.bulk("pending");
                r.array(consumer.pending().size());
                for (final StreamPendingEntry p : consumer.pending()) {
                    r.array(3);
                    r.bulk(p.id().toString());
                    r.integer(p.deliveryTimeMillis());
                    r.integer(p.deliveryCount());
                }
            }
        }
    }

    static void xinfoHelp(final Client c) {
        c.reply().array(XINFO_HELP.length);
        for (final String line : XINFO_HELP) {
            c.reply().simple(line);
        }
    }

    private static void edgeEntry(final ReplyWriter r, final StreamEntry e) {
        if (e == null) {
            r.nullBulk();
        } else {
            entry(r, e);
        }
    }
}
