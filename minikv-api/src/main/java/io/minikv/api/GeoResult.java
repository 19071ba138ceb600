package io.minikv.api;

/**
 * One member found by {@code GEOSEARCH}, with everything Redis can attach to it (WITHDIST, WITHHASH, WITHCOORD).
 *
 * @param member the member.
 * @param distance the distance from the search center, in the unit of the search.
 * @param hash the member's score as an integer: its 52-bit interleaved geohash.
 * @param longitude the decoded longitude.
 * @param latitude the decoded latitude.
 */
public record GeoResult(byte[] member, double distance, long hash, double longitude, double latitude) {
}
