package io.minikv.engine.type;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import io.minikv.api.FieldValue;
import io.minikv.api.HScanResult;
import io.minikv.api.KvError;
import io.minikv.api.ValueType;
import io.minikv.engine.keyspace.GlobMatcher;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.ObjectSlot;
import io.minikv.engine.type.hash.FieldMap;
import io.minikv.engine.type.hash.HashEntry;

/**
 * The hash commands on one key ({@code t_hash.c}'s command half): each runs under the key's segment lock through
 * {@link Keyspace#readObject} or {@link Keyspace#writeObject} (lazy expiry and the type check done there), works on
 * the key's {@link FieldMap}, and keeps the keyspace invariant that no empty hash is ever stored: a hash is created
 * by its first field and its key deleted with its last field.
 * <p>
 * Thread-safe (stateless).
 */
public final class HashOps {
    private HashOps() {
    }

    // ------------------------------------------------------------------------------------------------ lookup

    /** Works on the hash of a key under its write lock. */
    private interface Writer<R> {
        /**
         * @param map the key's hash; a fresh unpublished one when the key was missing and the call may create it,
         *     null when it was missing and may not.
         */
        R write(FieldMap map);
    }

    /**
     * Runs a writer under the key's write lock, then publishes a hash that was created and got fields, or deletes a
     * key whose hash became empty.
     */
    private static <R> R write(final Keyspace ks, final byte[] key, final boolean create, final Writer<R> writer) {
        return ks.writeObject(key, ValueType.HASH, slot -> {
            final FieldMap existing = (FieldMap) slot.get();
            final FieldMap map = existing == null && create ? new FieldMap() : existing;
            final R result = writer.write(map);
            finish(slot, existing, map);
            return result;
        });
    }

    private static void finish(final ObjectSlot slot, final FieldMap existing, final FieldMap map) {
        if (map == null) {
            return;
        }
        if (map.size() == 0) {
            if (existing != null) {
                slot.delete();
            }
        } else if (existing == null) {
            slot.set(map);
        }
    }

    /** Reads the hash of a key (null when missing) under its read lock. */
    private interface Reader<R> {
        R read(FieldMap map);
    }

    private static <R> R read(final Keyspace ks, final byte[] key, final Reader<R> reader) {
        return ks.readObject(key, ValueType.HASH, value -> reader.read((FieldMap) value));
    }

    // ------------------------------------------------------------------------------------------------ writes

    /**
     * {@code HSET} / {@code HMSET}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param entries the pairs, at least one.
     * @return how many fields were added.
     */
    public static long hset(final Keyspace ks, final byte[] key, final List<FieldValue> entries) {
        ks.checkWrite();
        return write(ks, key, true, map -> {
            long added = 0;
            for (final FieldValue e : entries) {
                if (map.put(e.field(), e.value())) {
                    added++;
                }
            }
            return added;
        });
    }

    /**
     * {@code HSETNX}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param field the field.
     * @param value the value.
     * @return true when the field was set.
     */
    public static boolean hsetnx(final Keyspace ks, final byte[] key, final byte[] field, final byte[] value) {
        ks.checkWrite();
        return write(ks, key, true, map -> map.find(field) == null && map.put(field, value));
    }

    /**
     * {@code HDEL}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param fields the fields.
     * @return how many were removed.
     */
    public static long hdel(final Keyspace ks, final byte[] key, final byte[][] fields) {
        return write(ks, key, false, map -> {
            long removed = 0;
            if (map != null) {
                for (final byte[] f : fields) {
                    if (map.remove(f)) {
                        removed++;
                    }
                }
            }
            return removed;
        });
    }

    /**
     * {@code HINCRBY}: the stored value is parsed as Redis's {@code string2ll}, as INCRBY parses strings.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param field the field.
     * @param increment the amount.
     * @return the new value.
     */
    public static long hincrby(final Keyspace ks, final byte[] key, final byte[] field, final long increment) {
        ks.checkWrite();
        return write(ks, key, true, map -> {
            final HashEntry e = map.find(field);
            final long current = e == null ? 0 : NumberText.parseLong(e.value(), KvError.HASH_VALUE_NOT_INTEGER);
            if (increment < 0 && current < 0 && increment < Long.MIN_VALUE - current
                || increment > 0 && current > 0 && increment > Long.MAX_VALUE - current) {
                throw KvError.INCR_OVERFLOW.exception();
            }
            final long next = current + increment;
            store(map, e, field, NumberText.formatLong(next));
            return next;
        });
    }

    /**
     * {@code HINCRBYFLOAT}: INCRBYFLOAT's parser and formatter on a field. The increment is checked before the key,
     * as Redis does.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param field the field.
     * @param increment the amount.
     * @return the new value's text.
     */
    public static String hincrbyfloat(final Keyspace ks, final byte[] key, final byte[] field,
        final double increment) {
        ks.checkWrite();
        if (Double.isNaN(increment)) {
            throw KvError.NOT_FLOAT.exception();
        }
        if (Double.isInfinite(increment)) {
            throw KvError.VALUE_NAN_OR_INFINITY.exception();
        }
        return write(ks, key, true, map -> {
            final HashEntry e = map.find(field);
            final String next = NumberText.addFloat(e == null ? null : e.value(), increment,
                KvError.HASH_VALUE_NOT_FLOAT);
            store(map, e, field, next.getBytes(StandardCharsets.US_ASCII));
            return next;
        });
    }

    private static void store(final FieldMap map, final HashEntry e, final byte[] field, final byte[] value) {
        if (e == null) {
            map.put(field, value);
        } else {
            map.replace(e, value);
        }
    }

    // ------------------------------------------------------------------------------------------------ reads

    /**
     * {@code HGET}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param field the field.
     * @return the value or null.
     */
    public static byte[] hget(final Keyspace ks, final byte[] key, final byte[] field) {
        return read(ks, key, map -> map == null ? null : map.get(field));
    }

    /**
     * {@code HMGET}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param fields the fields.
     * @return one value or null per field.
     */
    public static List<byte[]> hmget(final Keyspace ks, final byte[] key, final byte[][] fields) {
        return read(ks, key, map -> {
            final List<byte[]> out = new ArrayList<>(fields.length);
            for (final byte[] f : fields) {
                out.add(map == null ? null : map.get(f));
            }
            return out;
        });
    }

    /**
     * {@code HEXISTS}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param field the field.
     * @return whether the field exists.
     */
    public static boolean hexists(final Keyspace ks, final byte[] key, final byte[] field) {
        return read(ks, key, map -> map != null && map.find(field) != null);
    }

    /**
     * {@code HLEN}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the number of fields.
     */
    public static long hlen(final Keyspace ks, final byte[] key) {
        return read(ks, key, map -> map == null ? 0L : map.size());
    }

    /**
     * {@code HSTRLEN}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param field the field.
     * @return the value's length, 0 when missing.
     */
    public static long hstrlen(final Keyspace ks, final byte[] key, final byte[] field) {
        return read(ks, key, map -> {
            final byte[] value = map == null ? null : map.get(field);
            return value == null ? 0L : value.length;
        });
    }

    /** What {@link #all} collects. */
    public enum Part {
        /** HKEYS. */
        FIELDS,
        /** HVALS. */
        VALUES
    }

    /**
     * {@code HKEYS} or {@code HVALS}, in the map's order.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param part fields or values.
     * @return the list, empty when missing.
     */
    public static List<byte[]> all(final Keyspace ks, final byte[] key, final Part part) {
        return read(ks, key, map -> {
            final int size = map == null ? 0 : map.size();
            final List<byte[]> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                final HashEntry e = map.at(i);
                out.add(part == Part.FIELDS ? e.field() : e.value());
            }
            return out;
        });
    }

    /**
     * {@code HGETALL}, in the map's order.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the pairs, empty when missing.
     */
    public static List<FieldValue> hgetall(final Keyspace ks, final byte[] key) {
        return read(ks, key, map -> {
            final int size = map == null ? 0 : map.size();
            final List<FieldValue> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                out.add(pair(map.at(i)));
            }
            return out;
        });
    }

    /**
     * Returns an entry's field and value as the API's pair.
     *
     * @param e the entry.
     * @return the pair, sharing the entry's arrays.
     */
    public static FieldValue pair(final HashEntry e) {
        return new FieldValue(e.field(), e.value());
    }

    /**
     * {@code HRANDFIELD key count [WITHVALUES]} with Redis 7.0's cases: a negative count repeats uniformly chosen
     * fields (at most SRANDMEMBER's {@link SetOps#MAX_RANDOM_REPEATS}), a count reaching the size returns the whole
     * hash in order, a smaller one distinct fields in random order. Picks come from the {@link RandomGenerator} the
     * caller passes, as for SRANDMEMBER, so tests can seed them.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param count the count.
     * @param withValues whether the value ranges of WITHVALUES apply.
     * @param random the random source.
     * @param element what to return of each picked entry: {@link HashEntry#field} or {@link #pair}.
     * @param <T> the element type.
     * @return the picks.
     */
    public static <T> List<T> hrandfield(final Keyspace ks, final byte[] key, final long count,
        final boolean withValues, final RandomGenerator random, final Function<HashEntry, T> element) {
        if (count == Long.MIN_VALUE) {
            throw KvError.RANDMEMBER_COUNT_RANGE.exception();
        }
        if (withValues && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)
            || count < -SetOps.MAX_RANDOM_REPEATS) {
            throw KvError.VALUE_OUT_OF_RANGE.exception();
        }
        return read(ks, key, map -> map == null ? new ArrayList<>(0)
            : randomFields(map, count, random, element));
    }

    /**
     * The sampling of HRANDFIELD on one map.
     *
     * @param map the hash, not empty.
     * @param count the count, as {@link #hrandfield} checked it.
     * @param random the random source.
     * @param element what to return of each picked entry.
     * @param <T> the element type.
     * @return the picks.
     */
    static <T> List<T> randomFields(final FieldMap map, final long count, final RandomGenerator random,
        final Function<HashEntry, T> element) {
        final int size = map.size();
        if (count < 0) {
            final List<T> out = new ArrayList<>((int) -count);
            for (long i = 0; i < -count; i++) {
                out.add(element.apply(map.random(random)));
            }
            return out;
        }
        if (count >= size) {
            final List<T> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                out.add(element.apply(map.at(i)));
            }
            return out;
        }
        // Partial Fisher-Yates over positions: count distinct positions in O(count), no retries; only the swapped
        // positions are remembered.
        final int n = (int) count;
        final List<T> out = new ArrayList<>(n);
        final Map<Integer, Integer> swapped = new HashMap<>();
        for (int i = 0; i < n; i++) {
            final int j = i + random.nextInt(size - i);
            final int pick = swapped.getOrDefault(j, j);
            swapped.put(j, swapped.getOrDefault(i, i));
            out.add(element.apply(map.at(pick)));
        }
        return out;
    }

    /**
     * {@code HSCAN}: compact hashes whole and in order (cursor 0), others bucket by bucket with Redis's cursor, about
     * {@code count} fields per call.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param cursor the cursor.
     * @param match a glob on fields, or null.
     * @param count work per call, at least 1.
     * @return the batch.
     */
    public static HScanResult hscan(final Keyspace ks, final byte[] key, final long cursor, final byte[] match,
        final long count) {
        // Redis skips matching for the pattern "*", so it returns even the empty field (the glob itself does not
        // match an empty string).
        final byte[] pattern = match != null && match.length == 1 && match[0] == '*' ? null : match;
        return read(ks, key, map -> {
            final List<FieldValue> out = new ArrayList<>();
            if (map == null) {
                return new HScanResult(0, out);
            }
            if (map.isCompact()) {
                for (int i = 0; i < map.size(); i++) {
                    final HashEntry e = map.at(i);
                    if (pattern == null || GlobMatcher.matches(pattern, e.field())) {
                        out.add(pair(e));
                    }
                }
                return new HScanResult(0, out);
            }
            // As dictScan's caller: visit buckets until count fields were seen, at most 10 * count buckets.
            long next = cursor;
            long budget = Math.max(1, Math.min(count, Long.MAX_VALUE / 10)) * 10;
            do {
                next = map.scan(next, e -> {
                    if (pattern == null || GlobMatcher.matches(pattern, e.field())) {
                        out.add(pair(e));
                    }
                });
            } while (next != 0 && --budget > 0 && out.size() < count);
            return new HScanResult(next, out);
        });
    }
}
