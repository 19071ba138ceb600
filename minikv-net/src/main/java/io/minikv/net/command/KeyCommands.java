package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;

import io.minikv.api.KvError;
import io.minikv.api.ScanResult;
import io.minikv.api.ValueType;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

import java.util.List;

/**
 * The key-space commands of Redis's {@code generic} group ({@code db.c}, and {@code cluster.c} for DUMP and
 * RESTORE): DEL, EXISTS, TYPE, KEYS, SCAN, RENAME...
 */
final class KeyCommands {
    private static final String GROUP = "generic";

    private KeyCommands() {
    }

    /**
     * Registers the family.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        table.register(spec("del", -2, FLAG_WRITE, 1, -1, 1, KeyCommands::del, "Deletes one or more keys."));
        table.register(spec("unlink", -2, FLAG_WRITE | FLAG_FAST, 1, -1, 1, KeyCommands::del,
            "Asynchronously deletes one or more keys."));
        table.register(spec("exists", -2, FLAG_READONLY | FLAG_FAST, 1, -1, 1, KeyCommands::exists,
            "Determines whether one or more keys exist."));
        table.register(spec("type", 2, FLAG_READONLY | FLAG_FAST, 1, 1, 1, KeyCommands::type,
            "Determines the type of value stored at a key."));
        table.register(spec("keys", 2, FLAG_READONLY, 0, 0, 0, KeyCommands::keys,
            "Returns all key names that match a pattern."));
        table.register(spec("scan", -2, FLAG_READONLY, 0, 0, 0, KeyCommands::scan,
            "Iterates over the key names in the database."));
        table.register(spec("randomkey", 1, FLAG_READONLY, 0, 0, 0, KeyCommands::randomkey,
            "Returns a random key name from the database."));
        table.register(spec("rename", 3, FLAG_WRITE, 1, 2, 1, KeyCommands::rename,
            "Renames a key and overwrites the destination."));
        table.register(spec("renamenx", 3, FLAG_WRITE | FLAG_FAST, 1, 2, 1, KeyCommands::renamenx,
            "Renames a key only when the target key name doesn't exist."));
        table.register(spec("copy", -3, FLAG_WRITE | CommandSpec.FLAG_DENYOOM, 1, 2, 1, KeyCommands::copy,
            "Copies the value of a key to a new key."));
        table.register(spec("move", 3, FLAG_WRITE | FLAG_FAST, 1, 1, 1, KeyCommands::move,
            "Moves a key to another database."));
        table.register(spec("touch", -2, FLAG_READONLY | FLAG_FAST, 1, -1, 1, KeyCommands::touch,
            "Returns the number of existing keys out of those specified after updating the time they were last "
                + "accessed."));
        table.register(CommandSpec.of("dump", 2, GROUP, KeyCommands::dump).flags(FLAG_READONLY).keys(1, 1, 1)
            .doc("Return a serialized version of the value stored at the specified key.", "2.6.0").build());
        table.register(CommandSpec.of("restore", -4, GROUP, KeyCommands::restore)
            .flags(FLAG_WRITE | CommandSpec.FLAG_DENYOOM).keys(1, 1, 1)
            .doc("Create a key using the provided serialized value, previously obtained using DUMP.", "2.6.0")
            .build());
    }

    private static CommandSpec spec(final String name, final int arity, final int flags, final int first,
        final int last, final int step, final CommandHandler handler, final String summary) {
        return CommandSpec.of(name, arity, GROUP, handler).flags(flags).keys(first, last, step)
            .doc(summary, "1.0.0").build();
    }

    static void del(final Client c) {
        final CommandArgs a = c.args();
        c.reply().integer(c.db().del(a.bytes(1, a.count())));
    }

    static void exists(final Client c) {
        final CommandArgs a = c.args();
        c.reply().integer(c.db().exists(a.bytes(1, a.count())));
    }

    static void touch(final Client c) {
        final CommandArgs a = c.args();
        c.reply().integer(c.db().touch(a.bytes(1, a.count())));
    }

    static void type(final Client c) {
        c.reply().simple(c.db().type(c.args().bytes(1)).redisName());
    }

    static void keys(final Client c) {
        writeKeys(c.reply(), c.db().keys(c.args().bytes(1)));
    }

    private static void writeKeys(final ReplyWriter reply, final List<byte[]> keys) {
        reply.array(keys.size());
        for (final byte[] key : keys) {
            reply.bulk(key);
        }
    }

    static void scan(final Client c) {
        final CommandArgs a = c.args();
        if (!a.parseCursor(1)) {
            c.reply().error(KvError.INVALID_CURSOR);
            return;
        }
        final long cursor = a.longValue();
        byte[] pattern = null;
        long count = 10;
        ValueType type = null;
        boolean unknownType = false;
        final int n = a.count();
        for (int i = 2; i < n; i += 2) {
            if (i + 1 >= n) {
                c.reply().error(KvError.SYNTAX);
                return;
            }
            if (a.is(i, Keywords.COUNT)) {
                if (!c.parseLongOrReply(i + 1)) {
                    return;
                }
                if (a.longValue() < 1) {
                    c.reply().error(KvError.SYNTAX);
                    return;
                }
                count = a.longValue();
            } else if (a.is(i, Keywords.MATCH)) {
                pattern = a.bytes(i + 1);
            } else if (a.is(i, Keywords.TYPE)) {
                type = ValueType.fromRedisName(a.string(i + 1));
                // Redis 7.0 filters by the type's name: an unknown name matches no key.
                unknownType = type == null || type == ValueType.NONE;
            } else {
                c.reply().error(KvError.SYNTAX);
                return;
            }
        }
        final ScanResult result = c.db().scan(cursor, pattern, count, type);
        final ReplyWriter reply = c.reply();
        reply.array(2);
        reply.bulk(Long.toUnsignedString(result.cursor()));
        if (unknownType) {
            reply.array(0);
        } else {
            writeKeys(reply, result.keys());
        }
    }

    static void randomkey(final Client c) {
        c.reply().bulk(c.db().randomkey());
    }

    static void rename(final Client c) {
        final CommandArgs a = c.args();
        c.db().rename(a.bytes(1), a.bytes(2));
        c.reply().ok();
    }

    static void renamenx(final Client c) {
        final CommandArgs a = c.args();
        c.reply().bool(c.db().renamenx(a.bytes(1), a.bytes(2)));
    }

    static void copy(final Client c) {
        final CommandArgs a = c.args();
        int db = c.dbIndex();
        boolean replace = false;
        final int n = a.count();
        for (int i = 3; i < n; i++) {
            if (a.is(i, Keywords.REPLACE)) {
                replace = true;
            } else if (a.is(i, Keywords.DB) && i + 1 < n) {
                if (!a.parseInt(++i)) {
                    c.reply().error(KvError.NOT_INTEGER);
                    return;
                }
                // Redis checks the index where it finds it, before the options that follow.
                if (a.longValue() < 0 || a.longValue() >= c.server().databases()) {
                    c.reply().error(KvError.DB_INDEX_OUT_OF_RANGE);
                    return;
                }
                db = (int) a.longValue();
            } else {
                c.reply().error(KvError.SYNTAX);
                return;
            }
        }
        if (db < 0 || db >= c.server().databases()) {
            c.reply().error(KvError.DB_INDEX_OUT_OF_RANGE);
            return;
        }
        if (db == c.dbIndex() && a.sameBytes(1, 2)) {
            c.reply().error(KvError.SAME_OBJECT);
            return;
        }
        c.reply().bool(c.db().copy(a.bytes(1), a.bytes(2), db, replace));
    }

    static void dump(final Client c) {
        c.reply().bulk(c.db().dump(c.args().bytes(1)));
    }

    /**
     * {@code RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]}, checked in
     * {@code restoreCommand}'s order: options, the existing key, the TTL, then the payload. IDLETIME and FREQ are
     * validated and then have nothing to set: mini-kv keeps no access time and runs no LFU policy (OBJECT IDLETIME
     * answers 0, as for every key).
     */
    static void restore(final Client c) {
        final CommandArgs a = c.args();
        boolean replace = false;
        boolean absTtl = false;
        boolean idle = false;
        boolean freq = false;
        final int n = a.count();
        for (int j = 4; j < n; j++) {
            final boolean more = j + 1 < n;
            if (a.is(j, Keywords.REPLACE)) {
                replace = true;
            } else if (a.is(j, Keywords.ABSTTL)) {
                absTtl = true;
            } else if (a.is(j, Keywords.IDLETIME) && more && !freq) {
                if (!c.parseLongOrReply(++j)) {
                    return;
                }
                if (a.longValue() < 0) {
                    c.reply().error(KvError.RESTORE_INVALID_IDLETIME);
                    return;
                }
                idle = true;
            } else if (a.is(j, Keywords.FREQ) && more && !idle) {
                if (!c.parseLongOrReply(++j)) {
                    return;
                }
                if (a.longValue() < 0 || a.longValue() > 255) {
                    c.reply().error(KvError.RESTORE_INVALID_FREQ);
                    return;
                }
                freq = true;
            } else {
                c.reply().error(KvError.SYNTAX);
                return;
            }
        }
        final byte[] key = a.bytes(1);
        if (!replace && c.db().exists(key) > 0) {
            c.reply().error(KvError.BUSYKEY);
            return;
        }
        if (!c.parseLongOrReply(2)) {
            return;
        }
        c.db().restore(key, a.longValue(), a.bytes(3), replace, absTtl);
        c.reply().ok();
    }

    static void move(final Client c) {
        final CommandArgs a = c.args();
        if (!a.parseInt(2)) {
            c.reply().error(KvError.NOT_INTEGER);
            return;
        }
        final int db = (int) a.longValue();
        if (db < 0 || db >= c.server().databases()) {
            c.reply().error(KvError.DB_INDEX_OUT_OF_RANGE);
            return;
        }
        if (db == c.dbIndex()) {
            c.reply().error(KvError.SAME_OBJECT);
            return;
        }
        c.reply().bool(c.db().move(a.bytes(1), db));
    }
}
