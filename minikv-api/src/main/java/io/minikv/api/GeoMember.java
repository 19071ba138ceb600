package io.minikv.api;

/**
 * A member to add with {@code GEOADD}, at a longitude and latitude in degrees.
 *
 * @param longitude from -180 to 180.
 * @param latitude from -85.05112878 to 85.05112878 (the Web Mercator limits Redis uses).
 * @param member the member.
 */
public record GeoMember(double longitude, double latitude, byte[] member) {
}
