package io.minikv.net.command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Redis 7.0's COMMAND INFO metadata for the commands mini-kv shares with it: the flags as Redis lists them, ACL
 * categories, tips and key specs, read once from {@code redis-command-info.txt} (data, like Redis's
 * {@code commands.def}). The {@link CommandSpec}s keep what drives behaviour (arity, the behavioural flags, key
 * positions); this table adds what only introspection shows, and {@code CommandInfoTest} checks that the two agree.
 * Commands Redis 7.0 does not have (ZQUERY, 7.2's additions) are not here; COMMAND INFO derives theirs from the spec.
 * <p>
 * Immutable after class initialisation; thread-safe.
 */
final class RedisCommandInfo {
    /** The resource, next to this class. */
    static final String RESOURCE = "redis-command-info.txt";

    /**
     * One command's metadata.
     *
     * @param flags the flags COMMAND INFO lists, in Redis's order.
     * @param aclCategories the ACL categories, {@code @} included.
     * @param tips the command tips.
     * @param keySpecs the key specs, in Redis's order.
     */
    record Info(List<String> flags, List<String> aclCategories, List<String> tips, List<KeySpec> keySpecs) {

        /**
         * Returns Redis's legacy {@code first, last, step} triple, derived from the key specs as Redis 7.0's
         * {@code populateCommandLegacyRangeSpec} does: only consecutive index-and-range specs of step 1 take part
         * (a lone range spec is used whatever its step).
         *
         * @return {@code {first, last, step}}, zeros when no spec qualifies.
         */
        int[] legacyRange() {
            if (keySpecs.size() == 1 && keySpecs.get(0).isIndexRange()) {
                final KeySpec s = keySpecs.get(0);
                return new int[] {s.index(), s.a() < 0 ? s.a() : s.index() + s.a(), s.b()};
            }
            int first = Integer.MAX_VALUE;
            long last = 0;
            long prevLast = 0;
            for (final KeySpec s : keySpecs) {
                if (!s.isIndexRange() || s.b() != 1 || (prevLast != 0 && prevLast != s.index() - 1)) {
                    continue;
                }
                first = Math.min(first, s.index());
                final int abs = s.a() >= 0 ? s.a() + s.index() : s.a();
                // Redis compares as unsigned so that a negative (relative-to-end) last key wins.
                last = Integer.toUnsignedLong((int) last) >= Integer.toUnsignedLong(abs) ? last : abs;
                prevLast = last;
            }
            if (first == Integer.MAX_VALUE) {
                return new int[] {0, 0, 0};
            }
            return new int[] {first, (int) last, 1};
        }
    }

    private static final Map<String, Info> BY_NAME = load();

    private RedisCommandInfo() {
    }

    /**
     * Returns the metadata of a command.
     *
     * @param name the lower-case name, {@code parent|sub} for subcommands.
     * @return the metadata, or null when Redis 7.0 has no such command.
     */
    static Info get(final String name) {
        return BY_NAME.get(name);
    }

    private static Map<String, Info> load() {
        final Map<String, Info> map = new HashMap<>();
        try (InputStream in = RedisCommandInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                final String[] f = line.split("\\|", -1);
                if (f.length != 5 && f.length != 6) {
                    throw new IllegalStateException(RESOURCE + ": malformed line: " + line);
                }
                // A subcommand's name has a '|' of its own.
                final int o = f.length - 4;
                final String name = o == 1 ? f[0] : f[0] + "|" + f[1];
                final List<KeySpec> specs = new ArrayList<>();
                for (final String spec : f[o + 3].split(";")) {
                    if (!spec.isBlank()) {
                        specs.add(KeySpec.parse(spec));
                    }
                }
                map.put(name, new Info(words(f[o]), words(f[o + 1]), words(f[o + 2]), List.copyOf(specs)));
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }

    private static List<String> words(final String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split(" "));
    }
}
