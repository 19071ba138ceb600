package io.minikv.net.command;

import io.minikv.api.FieldValue;
import io.minikv.api.KvStore;
import io.minikv.api.ScoredMember;
import io.minikv.net.resp.DoubleFormat;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What DEBUG OBJECT reports about a value that only Redis's memory layout defines: {@code serializedlength} (the size
 * of the value in an RDB file, Redis's {@code rdbSavedObjectLen}) and, for lists, the quicklist figures.
 * <p>
 * <b>Approximation.</b> mini-kv stores neither RDB files nor listpacks, so both are computed from the value by Redis
 * 7.0's encoding rules with its default settings: RDB lengths and integer encodings, listpack entry sizes, intsets,
 * and quicklist nodes filled to {@code list-max-listpack-size -2} (8 KB) in element order. They match Redis for
 * strings of up to 20 bytes and for values built by appending; they differ where Redis compresses strings of more
 * than 20 bytes with LZF (mini-kv never counts compression) and where the history of a list (inserts in the middle,
 * pops) shaped Redis's nodes differently. Streams are not measured (0). Called only by DEBUG OBJECT, so it may allocate.
 */
final class SerializedLength {
    /** Redis's quicklist node limit with {@code list-max-listpack-size -2}. */
    static final int NODE_LIMIT = 8192;
    /** Redis's {@code SIZE_ESTIMATE_OVERHEAD}: what an insert is assumed to add to a node besides the element. */
    private static final int INSERT_OVERHEAD = 8;
    /** Listpack header (total bytes, element count) and end byte. */
    private static final int LISTPACK_EMPTY = 7;
    private static final int INTSET_HEADER = 8;

    private SerializedLength() {
    }

    /** The quicklist figures of a list: node count and each node's listpack size summed. */
    record Quicklist(long nodes, long bytes, long serialized) {
    }

    /**
     * Returns the value's RDB length, as DEBUG OBJECT's {@code serializedlength}.
     *
     * @param db the key's database.
     * @param key an existing key.
     * @param encoding its {@code OBJECT ENCODING}.
     * @return the length in bytes.
     */
    static long of(final KvStore db, final byte[] key, final String encoding) {
        switch (db.type(key)) {
            case STRING:
                return string(db.get(key));
            case LIST:
                return quicklist(db.lrange(key, 0, -1)).serialized();
            case SET:
                return set(db.smembers(key), encoding);
            case HASH:
                return hash(db.hgetall(key), encoding);
            case ZSET:
                return zset(db.zrange(key, 0, -1), encoding);
            default:
                return 0;
        }
    }

    /** Redis's {@code rdbSaveLen}. */
    static int lengthPrefix(final long length) {
        if (length < 1 << 6) {
            return 1;
        }
        if (length < 1 << 14) {
            return 2;
        }
        return length <= 0xFFFF_FFFFL ? 5 : 9;
    }

    /** Redis's {@code rdbSaveRawString} without LZF: an integer encoding for short numbers, else length and bytes. */
    static long string(final byte[] value) {
        if (value.length <= 11) {
            final Long n = strictLong(value);
            if (n != null) {
                final long v = n;
                if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                    return 2;
                }
                if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                    return 3;
                }
                if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                    return 5;
                }
            }
        }
        return lengthPrefix(value.length) + (long) value.length;
    }

    /**
     * Lays a list out in quicklist nodes as Redis's appends do.
     *
     * @param elements the list, head first.
     * @return nodes, listpack bytes and the RDB length.
     */
    static Quicklist quicklist(final List<byte[]> elements) {
        long nodes = 0;
        long total = 0;
        long serialized = 0;
        long node = -1;
        for (final byte[] e : elements) {
            if (node < 0 || node + e.length + INSERT_OVERHEAD > NODE_LIMIT) {
                if (node >= 0) {
                    total += node;
                    serialized += 1 + lengthPrefix(node) + node;
                }
                nodes++;
                node = LISTPACK_EMPTY;
            }
            node += listpackEntry(e);
        }
        if (node >= 0) {
            total += node;
            serialized += 1 + lengthPrefix(node) + node;
        }
        return new Quicklist(nodes, total, lengthPrefix(nodes) + serialized);
    }

    private static long set(final List<byte[]> members, final String encoding) {
        if (encoding.equals("intset")) {
            int width = 2;
            for (final byte[] m : members) {
                final long v = Long.parseLong(new String(m, StandardCharsets.US_ASCII));
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    width = 8;
                } else if ((v < Short.MIN_VALUE || v > Short.MAX_VALUE) && width < 4) {
                    width = 4;
                }
            }
            final long blob = INTSET_HEADER + (long) width * members.size();
            return lengthPrefix(blob) + blob;
        }
        long n = lengthPrefix(members.size());
        for (final byte[] m : members) {
            n += string(m);
        }
        return n;
    }

    private static long hash(final List<FieldValue> entries, final String encoding) {
        if (encoding.equals("listpack")) {
            long blob = LISTPACK_EMPTY;
            for (final FieldValue e : entries) {
                blob += listpackEntry(e.field()) + listpackEntry(e.value());
            }
            return lengthPrefix(blob) + blob;
        }
        long n = lengthPrefix(entries.size());
        for (final FieldValue e : entries) {
            n += string(e.field()) + string(e.value());
        }
        return n;
    }

    private static long zset(final List<ScoredMember> members, final String encoding) {
        if (encoding.equals("listpack")) {
            long blob = LISTPACK_EMPTY;
            for (final ScoredMember m : members) {
                blob += listpackEntry(m.member())
                    + listpackEntry(DoubleFormat.formatString(m.score()).getBytes(StandardCharsets.US_ASCII));
            }
            return lengthPrefix(blob) + blob;
        }
        // RDB_TYPE_ZSET_2: each member as a string and its score as an 8-byte binary double.
        long n = lengthPrefix(members.size());
        for (final ScoredMember m : members) {
            n += string(m.member()) + 8;
        }
        return n;
    }

    /** A listpack entry's size: encoding, data and back-length (Redis's {@code lpEncodeGetType}). */
    static long listpackEntry(final byte[] value) {
        final Long n = value.length <= 20 ? strictLong(value) : null;
        final long encoded;
        if (n != null) {
            final long v = n;
            if (v >= 0 && v <= 127) {
                encoded = 1;
            } else if (v >= -4096 && v <= 4095) {
                encoded = 2;
            } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                encoded = 3;
            } else if (v >= -8_388_608 && v <= 8_388_607) {
                encoded = 4;
            } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                encoded = 5;
            } else {
                encoded = 9;
            }
        } else if (value.length < 64) {
            encoded = 1 + value.length;
        } else if (value.length < 4096) {
            encoded = 2 + value.length;
        } else {
            encoded = 5 + (long) value.length;
        }
        return encoded + backLength(encoded);
    }

    private static int backLength(final long size) {
        if (size <= 127) {
            return 1;
        }
        if (size < 16383) {
            return 2;
        }
        if (size < 2097151) {
            return 3;
        }
        return size < 268435455 ? 4 : 5;
    }

    /** Redis's {@code string2ll}: the canonical decimal form of a 64-bit integer only, else null. */
    private static Long strictLong(final byte[] value) {
        if (value.length == 0 || value.length > 20) {
            return null;
        }
        final String text = new String(value, StandardCharsets.ISO_8859_1);
        final int start = text.charAt(0) == '-' ? 1 : 0;
        if (start == text.length() || (text.charAt(start) == '0' && text.length() > start + 1)
            || text.equals("-0")) {
            return null;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(text);
        } catch (final NumberFormatException overflow) {
            return null;
        }
    }
}
