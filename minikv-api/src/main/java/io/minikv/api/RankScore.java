package io.minikv.api;

/**
 * The answer of {@code ZRANK key member WITHSCORE}.
 *
 * @param rank the 0-based rank.
 * @param score the member's score.
 */
public record RankScore(long rank, double score) {
}
