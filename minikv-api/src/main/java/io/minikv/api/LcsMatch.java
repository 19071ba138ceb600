package io.minikv.api;

/**
 * One run of the longest common subsequence of two strings, as {@code LCS key1 key2 IDX} reports it: the run is
 * {@code first[start1..end1]}, equal to {@code second[start2..end2]} (inclusive offsets).
 *
 * @param start1 first offset in the first string.
 * @param end1 last offset in the first string.
 * @param start2 first offset in the second string.
 * @param end2 last offset in the second string.
 */
public record LcsMatch(long start1, long end1, long start2, long end2) {
    /**
     * Returns the run's length ({@code WITHMATCHLEN}).
     *
     * @return {@code end1 - start1 + 1}.
     */
    public long length() {
        return end1 - start1 + 1;
    }
}
