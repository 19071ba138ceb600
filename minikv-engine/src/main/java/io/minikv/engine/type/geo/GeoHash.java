package io.minikv.engine.type.geo;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Redis's geohash arithmetic ({@code geohash.c}), bit for bit: positions are encoded as 26 bits of longitude and
 * 26 of latitude (over -180..180 and the Web Mercator range -85.05112878..85.05112878), interleaved longitude-first
 * into a 52-bit integer that is the member's sorted-set score; decoding returns the center of the cell. Also the
 * haversine distance on Redis's Earth radius and the standard 11-character geohash string.
 * <p>
 * Uses {@link StrictMath} so results do not depend on the JIT's intrinsics. Stateless.
 */
public final class GeoHash {
    /** The bits per coordinate of a stored score. */
    public static final int STEP_MAX = 26;
    /** Redis's {@code EARTH_RADIUS_IN_METERS}. */
    public static final double EARTH_RADIUS = 6372797.560856;
    /** The Web Mercator latitude limit. */
    public static final double LAT_MAX = 85.05112878;
    static final double LAT_MIN = -85.05112878;
    static final double LONG_MAX = 180;
    static final double LONG_MIN = -180;
    private static final double D_R = Math.PI / 180.0;
    private static final char[] ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz".toCharArray();
    private static final long EVEN = 0x5555555555555555L;
    private static final long ODD = 0xaaaaaaaaaaaaaaaaL;

    private GeoHash() {
    }

    /**
     * Encodes a position at {@code step} bits per coordinate over the given latitude range
     * ({@code geohashEncode}); the caller has checked the position.
     *
     * @return the interleaved bits, longitude in the odd positions.
     */
    static long encode(final double longitude, final double latitude, final double latMin, final double latMax,
        final int step) {
        final double scale = (double) (1L << step);
        final double latOffset = (latitude - latMin) / (latMax - latMin) * scale;
        final double longOffset = (longitude - LONG_MIN) / (LONG_MAX - LONG_MIN) * scale;
        // C truncates the double to uint32_t.
        return interleave((long) latOffset & 0xffffffffL, (long) longOffset & 0xffffffffL);
    }

    /**
     * Returns the score Redis stores for a position: 26-step geohash aligned to 52 bits.
     *
     * @param longitude -180..180.
     * @param latitude -85.05112878..85.05112878.
     * @return the score.
     */
    public static long score(final double longitude, final double latitude) {
        return encode(longitude, latitude, LAT_MIN, LAT_MAX, STEP_MAX);
    }

    /**
     * Converts a score to geohash bits as C's {@code (uint64_t)} cast does on x86-64, so any sorted-set score
     * decodes as Redis decodes it: values past the range give {@code 0x8000000000000000} (or 0 from above 2^64).
     *
     * @param score the score.
     * @return the bits.
     */
    public static long bitsOf(final double score) {
        final double two63 = 9.223372036854775808e18;
        if (score < two63) {
            return score > -two63 ? (long) score : Long.MIN_VALUE;
        }
        final double shifted = score - two63;
        return (shifted < two63 ? (long) shifted : Long.MIN_VALUE) ^ Long.MIN_VALUE;
    }

    /**
     * Decodes the cell of {@code bits} at {@code step} ({@code geohashDecode}).
     *
     * @return {longitude min, longitude max, latitude min, latitude max}.
     */
    static double[] area(final long bits, final int step) {
        final long separated = deinterleave(bits);
        final long lat = separated & 0xffffffffL;
        final long lon = separated >>> 32;
        final double latScale = LAT_MAX - LAT_MIN;
        final double longScale = LONG_MAX - LONG_MIN;
        final double cells = (double) (1L << step);
        // uint32_t arithmetic: the +1 wraps at 2^32 as in C.
        return new double[] {
            LONG_MIN + (lon / cells) * longScale,
            LONG_MIN + (((lon + 1) & 0xffffffffL) / cells) * longScale,
            LAT_MIN + (lat / cells) * latScale,
            LAT_MIN + (((lat + 1) & 0xffffffffL) / cells) * latScale};
    }

    /**
     * Decodes a stored score to the center of its cell, clamped to the limits ({@code decodeGeohash}).
     *
     * @param score the sorted-set score.
     * @return {longitude, latitude}.
     */
    public static double[] decode(final double score) {
        final double[] a = area(bitsOf(score), STEP_MAX);
        final double lon = (a[0] + a[1]) / 2;
        final double lat = (a[2] + a[3]) / 2;
        return new double[] {Math.max(LONG_MIN, Math.min(LONG_MAX, lon)), Math.max(LAT_MIN, Math.min(LAT_MAX, lat))};
    }

    /**
     * Returns the standard 11-character geohash of a stored score, as {@code GEOHASH} computes it: decode, then
     * re-encode over latitude -90..90 and print five bits per character, the 11th always {@code '0'}.
     *
     * @param score the sorted-set score.
     * @return the geohash.
     */
    public static String geohash(final double score) {
        final double[] xy = decode(score);
        final long bits = encode(xy[0], xy[1], -90, 90, STEP_MAX);
        final char[] out = new char[11];
        for (int i = 0; i < 10; i++) {
            out[i] = ALPHABET[(int) ((bits >>> (52 - (i + 1) * 5)) & 0x1f)];
        }
        out[10] = ALPHABET[0];
        return new String(out);
    }

    /**
     * Returns the great-circle distance in meters ({@code geohashGetDistance}).
     *
     * @return meters.
     */
    public static double distance(final double lon1, final double lat1, final double lon2, final double lat2) {
        final double lon1r = lon1 * D_R;
        final double lon2r = lon2 * D_R;
        final double v = StrictMath.sin((lon2r - lon1r) / 2);
        // Redis's shortcut when the longitudes are practically the same.
        if (v == 0.0) {
            return latDistance(lat1, lat2);
        }
        final double lat1r = lat1 * D_R;
        final double lat2r = lat2 * D_R;
        final double u = StrictMath.sin((lat2r - lat1r) / 2);
        final double a = u * u + StrictMath.cos(lat1r) * StrictMath.cos(lat2r) * v * v;
        return 2.0 * EARTH_RADIUS * StrictMath.asin(StrictMath.sqrt(a));
    }

    /** {@code geohashGetLatDistance}. */
    static double latDistance(final double lat1, final double lat2) {
        return EARTH_RADIUS * Math.abs(lat2 * D_R - lat1 * D_R);
    }

    /**
     * Formats a distance as Redis replies it: C's {@code %.4f} (exact value, half-even).
     *
     * @param distance a finite distance.
     * @return the text.
     */
    public static String formatDistance(final double distance) {
        return new BigDecimal(distance).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * Formats a coordinate as Redis replies it ({@code addReplyHumanLongDouble}): {@code %.17Lf} with trailing
     * zeros and a trailing point removed.
     *
     * @param coordinate a finite coordinate.
     * @return the text.
     */
    public static String formatCoordinate(final double coordinate) {
        String s = new BigDecimal(coordinate).setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        if (1 / coordinate < 0 && !s.startsWith("-")) {
            s = "-" + s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    // ------------------------------------------------------------------------------------------------ bits

    /** Spreads x over the even bits and y over the odd bits ({@code interleave64}). */
    static long interleave(final long x, final long y) {
        return spread(x) | (spread(y) << 1);
    }

    private static long spread(final long v) {
        long x = v & 0xffffffffL;
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x << 2)) & 0x3333333333333333L;
        return (x | (x << 1)) & EVEN;
    }

    private static long squash(final long v) {
        long x = v & EVEN;
        x = (x | (x >>> 1)) & 0x3333333333333333L;
        x = (x | (x >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x >>> 4)) & 0x00FF00FF00FF00FFL;
        x = (x | (x >>> 8)) & 0x0000FFFF0000FFFFL;
        return (x | (x >>> 16)) & 0xffffffffL;
    }

    /** Even bits to the low half, odd bits to the high half ({@code deinterleave64}). */
    static long deinterleave(final long bits) {
        return squash(bits) | (squash(bits >>> 1) << 32);
    }

    /** Moves a cell one step east (+1) or west (-1) ({@code geohash_move_x}). */
    static long moveX(final long bits, final int step, final int d) {
        long x = bits & ODD;
        final long y = bits & EVEN;
        final long zz = EVEN >>> (64 - step * 2);
        if (d > 0) {
            x = x + (zz + 1);
        } else {
            x = x | zz;
            x = x - (zz + 1);
        }
        x &= ODD >>> (64 - step * 2);
        return x | y;
    }

    /** Moves a cell one step north (+1) or south (-1) ({@code geohash_move_y}). */
    static long moveY(final long bits, final int step, final int d) {
        final long x = bits & ODD;
        long y = bits & EVEN;
        final long zz = ODD >>> (64 - step * 2);
        if (d > 0) {
            y = y + (zz + 1);
        } else {
            y = y | zz;
            y = y - (zz + 1);
        }
        y &= EVEN >>> (64 - step * 2);
        return x | y;
    }
}
