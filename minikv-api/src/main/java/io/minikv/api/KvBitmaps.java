package io.minikv.api;

import java.util.List;

/**
 * The commands of Redis's {@code bitmap} group: SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD and BITFIELD_RO.
 * <p>
 * A bitmap is a string value: bit 0 is the most significant bit of the first byte. A missing key reads as an
 * infinite run of 0 bits; writes past the end grow the string with zero bytes and keep its TTL. Bit offsets run
 * from 0 to 2^32 - 1 (proto-max-bulk-len, 512 MB, times 8 minus one).
 * <p>
 * One of the command groups {@link KvStore} is made of; concurrency, nulls and errors are as {@link KvStore}
 * describes them. Every method throws {@link KvException} WRONGTYPE when a key it reads or changes holds a
 * non-string (BITOP's destination excepted, which it overwrites whatever its type).
 */
public interface KvBitmaps {

    /**
     * {@code SETBIT key offset value}: sets or clears one bit, growing the string with zero bytes (or creating it)
     * when it is shorter; keeps the TTL. O(1), O(N) when the string grows. The key counts as modified (WATCH) only
     * when the string grew or the bit changed, as in Redis.
     *
     * @param key the key.
     * @param offset the bit offset, 0 to 2^32 - 1.
     * @param value 0 or 1.
     * @return the bit's previous value, 0 or 1.
     * @throws KvException BIT_OFFSET_OUT_OF_RANGE, BIT_NOT_INTEGER, WRONGTYPE.
     */
    long setbit(byte[] key, long offset, int value);

    /**
     * {@code GETBIT key offset}: O(1).
     *
     * @param key the key.
     * @param offset the bit offset, 0 to 2^32 - 1.
     * @return the bit, 0 past the end of the string or when the key is missing.
     * @throws KvException BIT_OFFSET_OUT_OF_RANGE, WRONGTYPE.
     */
    long getbit(byte[] key, long offset);

    /**
     * {@code BITCOUNT key}: the number of set bits in the whole string. O(N).
     *
     * @param key the key.
     * @return the count, 0 when the key is missing.
     * @throws KvException WRONGTYPE.
     */
    long bitcount(byte[] key);

    /**
     * {@code BITCOUNT key start end [BYTE|BIT]}: the number of set bits in a range whose ends are inclusive and
     * count from the end of the string when negative (-1 is the last byte or bit); the range is clipped to the
     * string. O(N).
     *
     * @param key the key.
     * @param start the first byte or bit.
     * @param end the last byte or bit.
     * @param unit what start and end count.
     * @return the count, 0 when the key is missing or the range empty.
     * @throws KvException WRONGTYPE.
     */
    long bitcount(byte[] key, long start, long end, BitUnit unit);

    /**
     * {@code BITPOS key bit}: the position of the first bit set to {@code bit}. The string reads as padded with 0
     * bits on the right, so looking for a 0 in a string of 1s answers the bit just past its end. O(N).
     *
     * @param key the key.
     * @param bit 0 or 1.
     * @return the bit position; -1 when looking for a 1 that is not there, or in an empty string; 0 for a 0 in a
     *     missing key.
     * @throws KvException BITPOS_BIT, WRONGTYPE.
     */
    long bitpos(byte[] key, int bit);

    /**
     * {@code BITPOS key bit start [BYTE|BIT]}: as {@link #bitpos(byte[], int)}, from {@code start} (negative counts
     * from the end) to the end of the string, which still reads as padded with 0 bits. O(N).
     *
     * @param key the key.
     * @param bit 0 or 1.
     * @param start the first byte or bit searched.
     * @param unit what start counts.
     * @return the absolute bit position, or -1.
     * @throws KvException BITPOS_BIT, WRONGTYPE.
     */
    long bitpos(byte[] key, int bit, long start, BitUnit unit);

    /**
     * {@code BITPOS key bit start end [BYTE|BIT]}: as {@link #bitpos(byte[], int, long, BitUnit)} within an explicit
     * range: a 0 not found in the range answers -1 (no padding is assumed past an explicit end). O(N).
     *
     * @param key the key.
     * @param bit 0 or 1.
     * @param start the first byte or bit searched.
     * @param end the last byte or bit searched.
     * @param unit what start and end count.
     * @return the absolute bit position, or -1.
     * @throws KvException BITPOS_BIT, WRONGTYPE.
     */
    long bitpos(byte[] key, int bit, long start, long end, BitUnit unit);

    /**
     * {@code BITOP operation destkey key [key ...]}: stores the bitwise combination of the sources in
     * {@code destkey} (missing sources and the tails of shorter ones read as 0 bytes) and removes its TTL; when the
     * result is empty (every source missing or empty) {@code destkey} is deleted instead. O(N).
     *
     * @param operation AND, OR, XOR, or NOT (with exactly one source).
     * @param destkey the destination, overwritten whatever its type.
     * @param keys the sources, at least one.
     * @return the length of the result, the longest source's length.
     * @throws KvException BITOP_NOT_SINGLE_SOURCE, WRONGTYPE when a source holds a non-string.
     * @throws IllegalArgumentException when no source is given.
     */
    long bitop(BitOperation operation, byte[] destkey, byte[]... keys);

    /**
     * {@code BITFIELD key [GET|SET|INCRBY|OVERFLOW ...]}: runs the operations in order, atomically. All are
     * validated before any runs. Writes grow the string (or create it) to hold the farthest field written, keep the
     * TTL, and read/write fields as big-endian two's complement (signed) or plain (unsigned) integers. A call of
     * GETs only does not create the key. O(1) per operation, O(N) when the string grows.
     *
     * @param key the key.
     * @param ops the operations; none gives an empty list.
     * @return one entry per operation: GET the value, SET the old value, INCRBY the new value; null for a SET or
     *     INCRBY refused by OVERFLOW FAIL.
     * @throws KvException BITFIELD_TYPE, BIT_OFFSET_OUT_OF_RANGE, WRONGTYPE.
     */
    List<Long> bitfield(byte[] key, BitfieldOp... ops);

    /**
     * {@code BITFIELD_RO key [GET type offset ...]}: the read-only variant of {@link #bitfield}.
     *
     * @param key the key.
     * @param ops GET operations.
     * @return the values, one per operation.
     * @throws KvException BITFIELD_RO_GET_ONLY for a SET or INCRBY, BITFIELD_TYPE, BIT_OFFSET_OUT_OF_RANGE,
     *     WRONGTYPE.
     */
    List<Long> bitfieldRo(byte[] key, BitfieldOp... ops);
}
