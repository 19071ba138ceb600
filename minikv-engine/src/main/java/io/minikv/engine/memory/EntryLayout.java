package io.minikv.engine.memory;

/**
 * Layout of one keyspace entry in an {@link OffHeapArena} block.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  expire-at (Unix ms, 0 = none)                |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          key length                           |  8
 *  +---------------------------------------------------------------+
 *  |       value length (STRING) or object handle (other types)    | 12
 *  +---------------+-----------------------------------------------+
 *  |   type tag    |  key bytes ...                                  16
 *  +---------------+-----------------------------------------------+
 *  |  value bytes ... (STRING only)                                |
 *  +---------------------------------------------------------------+
 * </pre>
 * All integers are native byte order. A freed block reuses bytes 0..7 as the free-list link, which an optimistic
 * reader may see as a deadline: it then fails validation and retries.
 */
public final class EntryLayout {
    /** Absolute expiry deadline in Unix milliseconds; 0 when the key has no TTL. */
    public static final int EXPIRE_AT_OFFSET = 0;
    /** Key length in bytes. */
    public static final int KEY_LENGTH_OFFSET = EXPIRE_AT_OFFSET + Long.BYTES;
    /** Value length (strings) or handle into the segment's object table (other types). */
    public static final int VALUE_OFFSET = KEY_LENGTH_OFFSET + Integer.BYTES;
    /** One of the {@code TYPE_*} tags. */
    public static final int TYPE_OFFSET = VALUE_OFFSET + Integer.BYTES;
    /** First key byte. */
    public static final int KEY_OFFSET = TYPE_OFFSET + 1;
    /** Header bytes before the key. */
    public static final int HEADER_LENGTH = KEY_OFFSET;

    /** Type tag of a string value (stored inline). */
    public static final byte TYPE_STRING = 1;
    /** Type tag of a list (on-heap object). */
    public static final byte TYPE_LIST = 2;
    /** Type tag of a set (on-heap object). */
    public static final byte TYPE_SET = 3;
    /** Type tag of a sorted set (on-heap object). */
    public static final byte TYPE_ZSET = 4;
    /** Type tag of a hash (on-heap object). */
    public static final byte TYPE_HASH = 5;
    /** Type tag of a stream (on-heap object). */
    public static final byte TYPE_STREAM = 6;

    private EntryLayout() {
    }

    /**
     * Returns the block size a string entry needs.
     *
     * @param keyLength key bytes.
     * @param valueLength value bytes.
     * @return header + key + value, as a long so that huge values cannot overflow.
     */
    public static long stringEntryLength(final int keyLength, final long valueLength) {
        return HEADER_LENGTH + (long) keyLength + valueLength;
    }

    /**
     * Returns the block size an object entry needs (the value lives on the heap).
     *
     * @param keyLength key bytes.
     * @return header + key.
     */
    public static int objectEntryLength(final int keyLength) {
        return HEADER_LENGTH + keyLength;
    }

    /**
     * Returns the block size of a written entry.
     *
     * @param address the entry's native address.
     * @return its length per {@link #stringEntryLength} or {@link #objectEntryLength}.
     */
    public static long blockSize(final long address) {
        final int kl = NativeBytes.getInt(address + KEY_LENGTH_OFFSET);
        if (NativeBytes.getByte(null, address + TYPE_OFFSET) == TYPE_STRING) {
            return stringEntryLength(kl, NativeBytes.getInt(address + VALUE_OFFSET));
        }
        return objectEntryLength(kl);
    }

    /**
     * Writes an entry's header and key (a string's value bytes are the caller's to copy after the key).
     *
     * @param address the entry's native address.
     * @param kb key base.
     * @param ko key offset.
     * @param kl key length.
     * @param type the type tag.
     * @param value the value length (strings) or object handle.
     * @param expireAt the deadline, 0 for none.
     */
    public static void write(final long address, final Object kb, final long ko, final int kl, final byte type,
        final int value, final long expireAt) {
        NativeBytes.putLong(address + EXPIRE_AT_OFFSET, expireAt);
        NativeBytes.putInt(address + KEY_LENGTH_OFFSET, kl);
        NativeBytes.putInt(address + VALUE_OFFSET, value);
        NativeBytes.putByte(null, address + TYPE_OFFSET, type);
        NativeBytes.copy(kb, ko, null, address + KEY_OFFSET, kl);
    }
}
