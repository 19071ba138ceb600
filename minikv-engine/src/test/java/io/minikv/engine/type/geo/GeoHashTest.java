package io.minikv.engine.type.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The geohash arithmetic against vectors taken from redis-server 7.0.15 (GEOADD, ZSCORE, GEOPOS, GEOHASH). */
class GeoHashTest {

    private static String pos(final double score) {
        final double[] xy = GeoHash.decode(score);
        return GeoHash.formatCoordinate(xy[0]) + " " + GeoHash.formatCoordinate(xy[1]);
    }

    @Test
    void shouldEncodeAsRedisScores() {
        assertThat(GeoHash.score(13.361389, 38.115556)).isEqualTo(3479099956230698L);
        assertThat(GeoHash.score(15.087269, 37.502669)).isEqualTo(3479447370796909L);
        assertThat(GeoHash.score(2.3522, 48.8566)).isEqualTo(3663832779122514L);
        assertThat(GeoHash.score(4.8357, 45.7640)).isEqualTo(3660994510737403L);
        assertThat(GeoHash.score(0, 0)).isEqualTo(3377699720527872L);
        assertThat(GeoHash.score(-180, -85.05112878)).isZero();
        // The upper limits overflow their 26 bits exactly as in Redis.
        assertThat(GeoHash.score(180, 85.05112878)).isEqualTo(13510798882111488L);
    }

    @Test
    void shouldDecodeToTheCellCenterWithRedisDigits() {
        assertThat(pos(3479099956230698L)).isEqualTo("13.36138933897018433 38.11555639549629859");
        assertThat(pos(3479447370796909L)).isEqualTo("15.08726745843887329 37.50266842333162032");
        assertThat(pos(3663832779122514L)).isEqualTo("2.35219806432723999 48.8565995303492997");
        assertThat(pos(3377699720527872L)).isEqualTo("0.00000268220901489 0.00000126736058093");
        assertThat(pos(0)).isEqualTo("-179.99999731779098511 -85.05112751263942528");
        assertThat(pos(13510798882111488L)).isEqualTo("180 85.0511287799999991");
    }

    @Test
    void shouldDecodeAnyScoreAsCsCastDoes() {
        assertThat(GeoHash.bitsOf(-1)).isEqualTo(-1L);
        assertThat(GeoHash.bitsOf(1e30)).isZero();
        assertThat(GeoHash.bitsOf(Double.NEGATIVE_INFINITY)).isEqualTo(Long.MIN_VALUE);
        assertThat(GeoHash.bitsOf(1.8446744073709552e19 / 2 + 4096)).isEqualTo(Long.MIN_VALUE + 4096);
        assertThat(pos(-1)).isEqualTo("180 85.0511287799999991");
        assertThat(pos(1e30)).isEqualTo("-179.99999731779098511 -85.05112751263942528");
        assertThat(pos(4503599627370496L)).isEqualTo("-179.99999731779098511 85.0511287799999991");
    }

    @Test
    void shouldPrintStandardGeohashes() {
        assertThat(GeoHash.geohash(3479099956230698L)).isEqualTo("sqc8b49rny0");
        assertThat(GeoHash.geohash(3479447370796909L)).isEqualTo("sqdtr74hyu0");
        assertThat(GeoHash.geohash(13510798882111488L)).isEqualTo("bp05b5048p0");
        assertThat(GeoHash.geohash(0)).isEqualTo("00bh0hbj200");
        assertThat(GeoHash.geohash(3377699720527872L)).isEqualTo("s0000000000");
    }

    @Test
    void shouldMeasureDistancesAsRedis() {
        final double[] p = GeoHash.decode(3479099956230698L);
        final double[] q = GeoHash.decode(3479447370796909L);
        final double d = GeoHash.distance(p[0], p[1], q[0], q[1]);
        assertThat(GeoHash.formatDistance(d)).isEqualTo("166274.1516");
        assertThat(GeoHash.formatDistance(d / 1000)).isEqualTo("166.2742");
        assertThat(GeoHash.formatDistance(d / 1609.34)).isEqualTo("103.3182");
        assertThat(GeoHash.formatDistance(d / 0.3048)).isEqualTo("545518.8700");
        assertThat(GeoHash.distance(p[0], p[1], p[0], p[1])).isZero();
        // Same longitude: Redis's latitude-only shortcut.
        assertThat(GeoHash.distance(10, 0, 10, 1)).isEqualTo(GeoHash.EARTH_RADIUS * (Math.PI / 180.0));
    }

    @Test
    void shouldFormatLikeC() {
        assertThat(GeoHash.formatDistance(0)).isEqualTo("0.0000");
        // %.4f rounds the exact binary value half-even: 0.00005 is slightly above the tie as a double.
        assertThat(GeoHash.formatDistance(0.00005)).isEqualTo("0.0001");
        assertThat(GeoHash.formatDistance(0.125 / 1000)).isEqualTo("0.0001");
        assertThat(GeoHash.formatCoordinate(15)).isEqualTo("15");
        assertThat(GeoHash.formatCoordinate(-0.5)).isEqualTo("-0.5");
    }

    @Test
    void shouldMoveToNeighbourCells() {
        final long cell = GeoHash.encode(10, 10, GeoHash.LAT_MIN, GeoHash.LAT_MAX, 4);
        final long east = GeoHash.moveX(cell, 4, 1);
        final long north = GeoHash.moveY(cell, 4, 1);
        final double[] a = GeoHash.area(cell, 4);
        assertThat(GeoHash.area(east, 4)[0]).isEqualTo(a[1]);
        assertThat(GeoHash.area(north, 4)[2]).isEqualTo(a[3]);
        assertThat(GeoHash.moveX(east, 4, -1)).isEqualTo(cell);
        assertThat(GeoHash.moveY(north, 4, -1)).isEqualTo(cell);
        assertThat(GeoHash.deinterleave(GeoHash.interleave(0x1234567L, 0x7654321L))).isEqualTo(0x7654321_01234567L);
    }

    @Test
    void shouldEstimateStepsAsRedis() {
        assertThat(GeoQuery.estimateSteps(0, 0)).isEqualTo(26);
        // 1 m doubles 25 times to pass the Mercator half-width: 1 + 25 - 2.
        assertThat(GeoQuery.estimateSteps(1, 0)).isEqualTo(24);
        assertThat(GeoQuery.estimateSteps(500_000, 0)).isEqualTo(5);
        assertThat(GeoQuery.estimateSteps(500_000, 70)).isEqualTo(4);
        assertThat(GeoQuery.estimateSteps(500_000, -85)).isEqualTo(3);
        assertThat(GeoQuery.estimateSteps(20_000_000, 0)).isEqualTo(1);
    }
}
