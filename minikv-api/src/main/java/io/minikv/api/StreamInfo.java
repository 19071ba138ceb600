package io.minikv.api;

/**
 * What {@code XINFO STREAM} reports about a stream, field by field in Redis 7.0's reply order.
 *
 * @param length the number of entries.
 * @param radixTreeKeys the number of entry nodes (Redis's listpacks of up to 100 entries).
 * @param radixTreeNodes the number of nodes of the radix tree indexing those entry nodes.
 * @param lastGeneratedId the largest ID ever added (or set by XSETID), {@code 0-0} for a fresh stream.
 * @param maxDeletedEntryId the largest ID removed by XDEL (or set by XSETID), {@code 0-0} when none.
 * @param entriesAdded how many entries were ever added (or the count XSETID set).
 * @param recordedFirstEntryId the ID of the first entry, {@code 0-0} when empty.
 * @param groups the number of consumer groups.
 * @param firstEntry the first entry, null when empty.
 * @param lastEntry the last entry, null when empty.
 */
public record StreamInfo(long length, long radixTreeKeys, long radixTreeNodes, StreamId lastGeneratedId,
    StreamId maxDeletedEntryId, long entriesAdded, StreamId recordedFirstEntryId, long groups,
    StreamEntry firstEntry, StreamEntry lastEntry) {
}
