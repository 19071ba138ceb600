package io.minikv.api;

/**
 * A position as the geo commands decode it from a member's score: the center of its 52-bit geohash cell.
 *
 * @param longitude degrees, from -180 to 180.
 * @param latitude degrees, from -85.05112878 to 85.05112878.
 */
public record GeoPosition(double longitude, double latitude) {
}
