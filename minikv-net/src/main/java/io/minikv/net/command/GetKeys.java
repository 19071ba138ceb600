package io.minikv.net.command;

import io.minikv.api.KvError;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * COMMAND GETKEYS and COMMAND GETKEYSANDFLAGS, as Redis 7.0's {@code getKeysSubcommandImpl}: the keys of a full
 * command line, found by the command's key specs ({@link RedisCommandInfo}), with the fallbacks Redis's own
 * {@code getkeys_proc}s give:
 * <ul>
 * <li>SET's key spec has {@code variable_flags}: {@code setGetKeys} reports {@code RW access update} with a GET
 * argument, {@code OW update} without;</li>
 * <li>a {@code keynum} spec that does not fit (numkeys not a strict integer, zero, or too large) falls back to
 * {@code genericGetKeys}, which reads numkeys with {@code atoi} (so {@code 2abc} counts as 2) and lists the source
 * keys, then the destination, without flags.</li>
 * </ul>
 * No key at all is an error, except for {@code no_mandatory_keys} commands (EVAL with numkeys 0), which reply an empty
 * array. Commands Redis 7.0 lacks (ZQUERY) use their spec's first/last/step as one range without flags. Stateless.
 */
final class GetKeys {
    private static final int NAME = 2;

    private GetKeys() {
    }

    /**
     * One key found: its argv position (0 = the inspected command's name) and flags.
     *
     * @param position the position relative to the command name.
     * @param flags Redis's key-spec flag names.
     */
    record Found(int position, List<String> flags) {
    }

    static void reply(final Client c, final boolean withFlags) {
        final CommandArgs a = c.args();
        final int argc = a.count() - NAME;
        CommandSpec cmd = c.server().table().lookup(a, NAME);
        if (cmd != null && !cmd.subcommands().isEmpty() && argc > 1) {
            cmd = CommandTable.lookupSub(cmd, a, NAME + 1);
        }
        final ReplyWriter reply = c.reply();
        if (cmd == null) {
            reply.error(KvError.GETKEYS_INVALID_COMMAND);
            return;
        }
        final RedisCommandInfo.Info info = RedisCommandInfo.get(cmd.name());
        if (!hasKeys(cmd, info)) {
            reply.error(KvError.GETKEYS_NO_KEYS);
            return;
        }
        if ((cmd.arity() > 0 && cmd.arity() != argc) || argc < -cmd.arity()) {
            reply.error(KvError.GETKEYS_INVALID_ARITY);
            return;
        }
        final List<Found> keys = find(cmd, info, a, NAME);
        if (keys.isEmpty() && (info == null || !info.flags().contains("no_mandatory_keys"))) {
            reply.error(KvError.GETKEYS_INVALID_ARGUMENTS);
            return;
        }
        reply.array(keys.size());
        for (final Found k : keys) {
            if (withFlags) {
                reply.array(2);
            }
            reply.bulk(a.bytes(NAME + k.position()));
            if (withFlags) {
                reply.array(k.flags().size());
                for (final String flag : k.flags()) {
                    reply.simple(flag);
                }
            }
        }
    }

    /**
     * Returns the keys of a command line as ACL checks see them (Redis's {@code getKeysFromCommandWithSpecs}).
     *
     * @param cmd the command, which must {@linkplain #hasKeys(CommandSpec) have keys}.
     * @param a the arguments.
     * @param base the index of the command name in {@code a}.
     * @return the keys found, positions relative to {@code base}.
     */
    static List<Found> keysOf(final CommandSpec cmd, final CommandArgs a, final int base) {
        return find(cmd, RedisCommandInfo.get(cmd.name()), a, base);
    }

    /**
     * Returns whether a command names keys, as Redis's {@code doesCommandHaveKeys}.
     *
     * @param cmd the command.
     * @return true when some key spec is not {@code not_key}.
     */
    static boolean hasKeys(final CommandSpec cmd) {
        return hasKeys(cmd, RedisCommandInfo.get(cmd.name()));
    }

    /** Redis's {@code doesCommandHaveKeys}: some key spec that is not {@code not_key}. */
    private static boolean hasKeys(final CommandSpec cmd, final RedisCommandInfo.Info info) {
        if (info == null) {
            return cmd.firstKey() > 0;
        }
        for (final KeySpec spec : info.keySpecs()) {
            if (!spec.flags().contains("not_key")) {
                return true;
            }
        }
        return false;
    }

    private static List<Found> find(final CommandSpec cmd, final RedisCommandInfo.Info info, final CommandArgs a,
        final int base) {
        final List<Found> found = new ArrayList<>();
        if (info == null) {
            final KeySpec legacy = new KeySpec(null, List.of(), KeySpec.INDEX, cmd.firstKey(), null, 0, KeySpec.RANGE,
                cmd.lastKey() < 0 ? cmd.lastKey() : cmd.lastKey() - cmd.firstKey(), cmd.keyStep(), 0);
            addAll(found, legacy, a, base, cmd.arity() < 0);
            return found;
        }
        for (final KeySpec spec : info.keySpecs()) {
            if (spec.flags().contains("variable_flags")) {
                return setGetKeys(a, base);
            }
        }
        if (cmd.name().equals("sort")) {
            return sortGetKeys(a, base);
        }
        if (cmd.name().equals("migrate")) {
            return migrateGetKeys(a, base);
        }
        for (final KeySpec spec : info.keySpecs()) {
            if (spec.flags().contains("not_key") || spec.beginSearch().equals(KeySpec.UNKNOWN)) {
                // SORT_RO's BY/GET spec names no argument: Redis reports the keys the other specs find.
                continue;
            }
            if (!addAll(found, spec, a, base, cmd.arity() < 0)) {
                return genericGetKeys(info, a, base);
            }
        }
        return found;
    }

    private static boolean addAll(final List<Found> found, final KeySpec spec, final CommandArgs a, final int base,
        final boolean negativeArity) {
        final List<Integer> positions = new ArrayList<>();
        if (!spec.findKeys(a, base, negativeArity, positions)) {
            return false;
        }
        for (final int p : positions) {
            found.add(new Found(p, spec.flags()));
        }
        return true;
    }

    /** Redis's {@code setGetKeys}: the key is always argument 1; its flags depend on a GET argument. */
    private static List<Found> setGetKeys(final CommandArgs a, final int base) {
        for (int i = base + 3; i < a.count(); i++) {
            if (a.string(i).equalsIgnoreCase("get")) {
                return List.of(new Found(1, List.of("RW", "access", "update")));
            }
        }
        return List.of(new Found(1, List.of("OW", "update")));
    }

    /**
     * Redis's {@code sortGetKeys}: the sorted key, and the argument after the last STORE, skipping the arguments of
     * LIMIT, GET and BY (so {@code GET store} does not count as STORE).
     */
    private static List<Found> sortGetKeys(final CommandArgs a, final int base) {
        final int argc = a.count() - base;
        final List<Found> found = new ArrayList<>();
        found.add(new Found(1, List.of("RO", "access")));
        int store = 0;
        for (int i = 2; i < argc; i++) {
            final String arg = a.string(base + i);
            if (arg.equalsIgnoreCase("limit")) {
                i += 2;
            } else if (arg.equalsIgnoreCase("get") || arg.equalsIgnoreCase("by")) {
                i += 1;
            } else if (arg.equalsIgnoreCase("store") && i + 1 < argc) {
                store = i + 1;
            }
        }
        if (store > 0) {
            found.add(new Found(store, List.of("OW", "update")));
        }
        return found;
    }

    /**
     * Redis's {@code migrateGetKeys} (MIGRATE's KEYS spec is incomplete, so Redis uses its callback): argument 3, or
     * with KEYS (and an empty argument 3) every argument after it, skipping the arguments of AUTH and AUTH2.
     */
    private static List<Found> migrateGetKeys(final CommandArgs a, final int base) {
        final int argc = a.count() - base;
        int first = 3;
        int num = 1;
        for (int i = 6; i < argc; i++) {
            final String arg = a.string(base + i);
            if (arg.equalsIgnoreCase("keys")) {
                if (!a.string(base + 3).isEmpty()) {
                    return List.of();
                }
                first = i + 1;
                num = argc - first;
                break;
            } else if (arg.equalsIgnoreCase("auth")) {
                i += 1;
            } else if (arg.equalsIgnoreCase("auth2")) {
                i += 2;
            }
        }
        final List<Found> found = new ArrayList<>();
        for (int i = 0; i < num; i++) {
            found.add(new Found(first + i, List.of("RW", "access", "delete")));
        }
        return found;
    }

    /**
     * Redis's {@code genericGetKeys} for the numkeys commands, driven by their key specs: the keynum spec gives the
     * count and first key, a preceding one-key range spec the destination of the STORE variants.
     */
    private static List<Found> genericGetKeys(final RedisCommandInfo.Info info, final CommandArgs a,
        final int base) {
        final int argc = a.count() - base;
        int store = 0;
        KeySpec keynum = null;
        for (final KeySpec spec : info.keySpecs()) {
            if (spec.findKeys().equals(KeySpec.KEYNUM) && spec.beginSearch().equals(KeySpec.INDEX)) {
                keynum = spec;
            } else if (spec.isIndexRange() && spec.a() == 0) {
                store = spec.index();
            }
        }
        if (keynum == null) {
            return List.of();
        }
        final int countAt = keynum.index() + keynum.a();
        final int firstKey = keynum.index() + keynum.b();
        final int step = keynum.c();
        final long num = countAt < argc ? atoi(a.string(base + countAt)) : 0;
        if (num < 1 || num > (argc - firstKey) / step) {
            return List.of();
        }
        final List<Found> found = new ArrayList<>();
        for (int i = 0; i < num; i++) {
            found.add(new Found(firstKey + i * step, List.of()));
        }
        if (store != 0) {
            found.add(new Found(store, List.of()));
        }
        return found;
    }

    /** C's {@code atoi}: leading spaces, an optional sign, then digits up to the first other character. */
    static long atoi(final String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long value = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && value < Integer.MAX_VALUE) {
            value = value * 10 + (s.charAt(i) - '0');
            i++;
        }
        return negative ? -value : value;
    }
}
