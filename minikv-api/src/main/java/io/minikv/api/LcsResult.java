package io.minikv.api;

import java.util.List;

/**
 * The answer of {@code LCS key1 key2 IDX}: the runs of the longest common subsequence and its length.
 *
 * @param matches the runs, from the end of the strings to their start (Redis's order), those shorter than the
 *     requested minimum left out.
 * @param length the length of the whole subsequence, whatever the minimum.
 */
public record LcsResult(List<LcsMatch> matches, long length) {
    /**
     * Copies the list.
     *
     * @param matches the runs.
     * @param length the subsequence length.
     */
    public LcsResult {
        matches = List.copyOf(matches);
    }
}
