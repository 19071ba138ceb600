package io.minikv.engine.persist;

/**
 * The layout of a snapshot file, as constants ({@code docs/SNAPSHOT.md} is the full description).
 *
 * <pre>
 * file   := header frame* end-frame                               (nothing may follow the end frame)
 * header := magic[8] version:u32 flags:u32 createdMs:u64 crc:u32    (crc = CRC32C of the 24 bytes before it)
 * frame  := kind:u8 rawLength:u32 storedLength:u32 crc:u32 stored[storedLength]
 *           kind 1 = LZ4 block of rawLength bytes, 2 = stored as is (LZ4 did not help), 0 = end (lengths 0)
 *           crc = CRC32C of kind, rawLength, storedLength and the stored bytes
 * </pre>
 * The frames' raw bytes, concatenated, are the record stream (a record may span frames):
 * <pre>
 * stream  := function* db* EOF:u8 totalEntries:u64
 * function := FUNCTION:u8 code:bytes                             (version 2: a function library, FUNCTION LOAD's code)
 * db      := DB:u8 index:u32 entry* DB_END:u8 entries:u64
 * entry   := type:u8 expireAtMs:u64 key:bytes value               (expireAtMs 0 = no TTL, else Unix ms)
 * bytes   := length:u32 byte[length]
 * value   := string: bytes | list, set: count:u32 bytes* | zset: count:u32 (bytes score:f64)* in ascending order
 *          | hash: count:u32 (field:bytes value:bytes)*
 *          | stream: count:u32 lastId:id entriesAdded:u64 maxDeletedId:id groups:u32
 *                    (id pairs:u32 (field:bytes value:bytes)*)* in ascending ID order (count may be 0)
 *                    group*  (groups of them, in name order)
 * group   := name:bytes lastId:id entriesRead:i64 (-1 unknown) consumers:u32 (name:bytes seenMs:u64)*
 *            pending:u32 (id consumer:u32 deliveryMs:u64 deliveryCount:u64)*  (consumer: index in the list before)
 * id      := ms:u64 seq:u64
 * </pre>
 * All integers are big-endian. Thread-safe (constants only).
 */
public final class SnapshotFormat {
    /** The first bytes of every snapshot: {@code \x89 M K V \r \n \x1a \n} (PNG-style: catches text-mode copies). */
    static final byte[] MAGIC = {(byte) 0x89, 'M', 'K', 'V', '\r', '\n', 0x1A, '\n'};
    /** The format version this build writes; it reads this one and every earlier one. */
    static final int VERSION = 2;
    /** The first version with {@link #OP_FUNCTION} records; version 1 files simply have none. */
    static final int FIRST_VERSION = 1;
    /** Header length: magic, version, flags, creation time, CRC. */
    static final int HEADER_LENGTH = 8 + 4 + 4 + 8 + 4;

    /** Frame kind: an LZ4 block. */
    static final byte FRAME_LZ4 = 1;
    /** Frame kind: raw bytes (compression would not shrink them). */
    static final byte FRAME_STORED = 2;
    /** Frame kind: the end of the file. */
    static final byte FRAME_END = 0;
    /** Frame header length: kind, raw length, stored length, CRC. */
    static final int FRAME_HEADER_LENGTH = 1 + 4 + 4 + 4;
    /** Raw bytes per frame at most: large enough for LZ4 to find matches, small enough to keep buffers small. */
    static final int FRAME_SIZE = 64 * 1024;

    /** Record: a database section starts. */
    static final byte OP_DB = (byte) 0xFE;
    /** Record: the current database section ends. */
    static final byte OP_DB_END = (byte) 0xFD;
    /** Record: a function library's code (the server's FUNCTION LOAD state), before the databases. */
    static final byte OP_FUNCTION = (byte) 0xF5;
    /** Record: the stream ends. */
    static final byte OP_EOF = (byte) 0xFF;

    /** Entry type: string. */
    static final byte TYPE_STRING = 1;
    /** Entry type: list. */
    static final byte TYPE_LIST = 2;
    /** Entry type: set. */
    static final byte TYPE_SET = 3;
    /** Entry type: sorted set. */
    static final byte TYPE_ZSET = 4;
    /** Entry type: hash. */
    static final byte TYPE_HASH = 5;
    /** Entry type: stream. */
    static final byte TYPE_STREAM = 6;

    /** Longest string value, member or field a snapshot may hold: Redis's {@code proto-max-bulk-len}. */
    static final int MAX_BYTES = 512 * 1024 * 1024;

    private SnapshotFormat() {
    }
}
