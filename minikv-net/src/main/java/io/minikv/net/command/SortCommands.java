package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_DENYOOM;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;
import static io.minikv.net.command.Keywords.k;

import java.util.List;

import io.minikv.api.KvError;
import io.minikv.api.KvStore;
import io.minikv.api.SortArgs;
import io.minikv.api.ValueType;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

/**
 * SORT and SORT_RO ({@code sort.c}). Options are parsed in the order of Redis's {@code sortCommandGeneric}, so the
 * same bad input gets the same error: an option missing its arguments or an unknown word is a syntax error (SORT_RO
 * knows no STORE), LIMIT's numbers must be integers, and only then is the key's type checked. The sorting itself is
 * the engine's ({@link io.minikv.engine.type.SortOps}).
 * <p>
 * Stateless; handlers run on the calling client's event loop.
 */
final class SortCommands {
    private static final String GROUP = "generic";
    private static final byte[] ASC = k("ASC");
    private static final byte[] DESC = k("DESC");
    private static final byte[] ALPHA = k("ALPHA");
    private static final byte[] LIMIT = k("LIMIT");
    private static final byte[] STORE = k("STORE");
    private static final byte[] BY = k("BY");

    private SortCommands() {
    }

    /**
     * Registers the family.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        table.register(CommandSpec.of("sort", -2, GROUP, c -> sort(c, false)).flags(FLAG_WRITE | FLAG_DENYOOM)
            .keys(1, 1, 1).doc("Sorts the elements in a list, a set, or a sorted set, optionally storing the result.",
                "1.0.0").build());
        table.register(CommandSpec.of("sort_ro", -2, GROUP, c -> sort(c, true)).flags(FLAG_READONLY)
            .keys(1, 1, 1).doc("Returns the sorted elements of a list, a set, or a sorted set.", "7.0.0").build());
    }

    static void sort(final Client c, final boolean readOnly) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        final SortArgs.Builder args = SortArgs.builder();
        byte[] storeKey = null;
        final int argc = a.count();
        for (int j = 2; j < argc; j++) {
            final int left = argc - j - 1;
            if (a.is(j, ASC)) {
                args.asc();
            } else if (a.is(j, DESC)) {
                args.desc();
            } else if (a.is(j, ALPHA)) {
                args.alpha();
            } else if (a.is(j, LIMIT) && left >= 2) {
                if (!a.parseLong(j + 1)) {
                    r.error(KvError.NOT_INTEGER);
                    return;
                }
                final long offset = a.longValue();
                if (!a.parseLong(j + 2)) {
                    r.error(KvError.NOT_INTEGER);
                    return;
                }
                args.limit(offset, a.longValue());
                j += 2;
            } else if (!readOnly && a.is(j, STORE) && left >= 1) {
                storeKey = a.bytes(j + 1);
                j++;
            } else if (a.is(j, BY) && left >= 1) {
                args.by(a.bytes(j + 1));
                j++;
            } else if (a.is(j, Keywords.GET) && left >= 1) {
                args.get(a.bytes(j + 1));
                j++;
            } else {
                r.error(KvError.SYNTAX);
                return;
            }
        }
        final KvStore db = c.db();
        final byte[] key = a.bytes(1);
        SortArgs built = args.build();
        if (storeKey != null) {
            r.integer(db.sortStore(key, built, storeKey));
            // STORE's key is outside the spec's key range, so the dispatcher does not wake clients blocked on it
            // (BLPOP...); Redis does, as for any list a command creates.
            if (c.server().blocking().hasWaiters()) {
                c.server().blocking().signal(c.dbIndex(), storeKey);
            }
            return;
        }
        if (built.dontSort() && Scripting.isScriptClient(c) && db.type(key) == ValueType.SET) {
            // Redis sorts a set under BY nosort inside a script, so that the script's effects are reproducible.
            built = withoutBy(built);
        }
        final List<byte[]> values = db.sort(key, built);
        r.array(values.size());
        for (final byte[] v : values) {
            if (v == null) {
                r.nullBulk();
            } else {
                r.bulk(v);
            }
        }
    }

    /** The same options as ALPHA without BY: what Redis sorts a set by when it refuses to leave it unsorted. */
    private static SortArgs withoutBy(final SortArgs args) {
        final SortArgs.Builder b = SortArgs.builder().alpha().limit(args.offset(), args.count());
        if (args.desc()) {
            b.desc();
        }
        for (final byte[] pattern : args.get()) {
            b.get(pattern);
        }
        return b.build();
    }
}
