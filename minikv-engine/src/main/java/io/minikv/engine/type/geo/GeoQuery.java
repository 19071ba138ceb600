package io.minikv.engine.type.geo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.minikv.api.GeoSearch;
import io.minikv.engine.type.zset.SortedSet;
import io.minikv.engine.type.zset.ZNode;

/**
 * A GEOSEARCH over one sorted set, as Redis's {@code georadiusGeneric} runs it ({@code geohash_helper.c} and
 * {@code geo.c}): estimate a cell size from the radius, take the center's cell and its eight neighbours (dropping
 * those the shape cannot reach), scan each cell's score interval in the set, keep the members inside the shape, then
 * sort and cut to COUNT. Following Redis step by step gives the same members in the same order, including the
 * unsorted order and which members COUNT ANY stops at.
 * <p>
 * One instance per search; not thread-safe. The caller holds the set's lock.
 */
public final class GeoQuery {
    /**
     * A member found.
     *
     * @param member the member.
     * @param distance the distance from the center, in the search's unit once {@link #run} returns.
     * @param score the member's score (its geohash, for sets written by GEOADD).
     * @param longitude the decoded longitude.
     * @param latitude the decoded latitude.
     */
    public record Point(byte[] member, double distance, double score, double longitude, double latitude) {
        /**
         * Returns the score as WITHHASH replies it (C's cast to {@code long long}).
         *
         * @return the hash.
         */
        public long hash() {
            return (long) score;
        }
    }

    private static final double MERCATOR_MAX = 20037726.37;
    private static final double D_R = Math.PI / 180.0;

    private final double lon;
    private final double lat;
    private final boolean box;
    /** Radius, or box width and height, in meters. */
    private final double radius;
    private final double width;
    private final double height;
    private final double conversion;
    /** Box width and height in the search's unit. */
    private final double rawWidth;
    private final double rawHeight;

    /**
     * Prepares a search around a center.
     *
     * @param search the options (shape, unit).
     * @param lon the center's longitude.
     * @param lat the center's latitude.
     */
    public GeoQuery(final GeoSearch search, final double lon, final double lat) {
        this.lon = lon;
        this.lat = lat;
        this.box = search.isBox();
        this.conversion = search.unit().meters();
        this.radius = search.radius() * conversion;
        this.width = search.width() * conversion;
        this.height = search.height() * conversion;
        this.rawWidth = search.width();
        this.rawHeight = search.height();
    }

    /**
     * Runs the search and applies ordering and COUNT.
     *
     * @param set the set.
     * @param search the options.
     * @return the results, distances in the search's unit.
     */
    public List<Point> run(final SortedSet set, final GeoSearch search) {
        final long count = search.count();
        final List<Point> found = collect(set, search.any() ? count : 0);
        GeoSearch.Order order = search.order();
        // COUNT without ANY means the nearest ones, so Redis sorts ascending when no order was given.
        if (count != 0 && order == GeoSearch.Order.NONE && !search.any()) {
            order = GeoSearch.Order.ASC;
        }
        final int n = count == 0 || found.size() < count ? found.size() : (int) count;
        if (order != GeoSearch.Order.NONE) {
            final Comparator<Point> cmp = order == GeoSearch.Order.ASC ? GeoQuery::ascending
                : (p, q) -> -ascending(p, q);
            if (n == found.size()) {
                // glibc's qsort, a merge sort here: stable.
                found.sort(cmp);
            } else {
                // Redis sorts only the first n places with its unstable partial quicksort: follow it for the ties.
                final Point[] all = found.toArray(new Point[0]);
                PartialSort.sort(all, all.length, cmp, 0, n - 1);
                found.clear();
                found.addAll(java.util.Arrays.asList(all));
            }
        }
        final List<Point> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            final Point r = found.get(i);
            out.add(new Point(r.member(), r.distance() / conversion, r.score(), r.longitude(), r.latitude()));
        }
        return out;
    }

    /** {@code sort_gp_asc}. */
    private static int ascending(final Point p, final Point q) {
        return p.distance() > q.distance() ? 1 : p.distance() == q.distance() ? 0 : -1;
    }

    /** {@code membersOfAllNeighbors}: distances still in meters. */
    private List<Point> collect(final SortedSet set, final long limit) {
        final long[] cells = cells();
        final int step = (int) cells[9];
        final List<Point> found = new ArrayList<>();
        int lastProcessed = 0;
        for (int i = 0; i < 9; i++) {
            if (cells[i] == -1) {
                continue;
            }
            // Huge radiuses make neighbours coincide: skip a cell equal to the one scanned just before.
            if (lastProcessed != 0 && cells[i] == cells[lastProcessed]) {
                continue;
            }
            if (!found.isEmpty() && limit != 0 && found.size() >= limit) {
                break;
            }
            scanCell(set, cells[i], step, found, limit);
            lastProcessed = i;
        }
        return found;
    }

    /** {@code geoGetPointsInRange}: members with min <= score < max, in set order. */
    private void scanCell(final SortedSet set, final long cell, final int step, final List<Point> found,
        final long limit) {
        final double min = (double) (cell << (52 - step * 2));
        final double max = (double) ((cell + 1) << (52 - step * 2));
        final long first = set.firstRankByScore(min, false);
        if (first >= set.size()) {
            return;
        }
        for (ZNode n = set.byRank(first); n != null && n.score() < max; n = n.next()) {
            final double[] xy = GeoHash.decode(n.score());
            final double d = within(xy[0], xy[1]);
            if (d >= 0) {
                found.add(new Point(n.member(), d, n.score(), xy[0], xy[1]));
            }
            if (!found.isEmpty() && limit != 0 && found.size() >= limit) {
                return;
            }
        }
    }

    /** {@code geoWithinShape}: the distance in meters, or -1 outside. */
    private double within(final double x, final double y) {
        if (!box) {
            final double d = GeoHash.distance(lon, lat, x, y);
            return d > radius ? -1 : d;
        }
        if (GeoHash.latDistance(y, lat) > height / 2) {
            return -1;
        }
        if (GeoHash.distance(x, y, lon, y) > width / 2) {
            return -1;
        }
        return GeoHash.distance(lon, lat, x, y);
    }

    /** {@code geohashEstimateStepsByRadius}. */
    static int estimateSteps(final double rangeMeters, final double latitude) {
        if (rangeMeters == 0) {
            return 26;
        }
        double range = rangeMeters;
        int step = 1;
        while (range < MERCATOR_MAX) {
            range *= 2;
            step++;
        }
        step -= 2;
        // Cells narrow towards the poles.
        if (latitude > 66 || latitude < -66) {
            step--;
            if (latitude > 80 || latitude < -80) {
                step--;
            }
        }
        return Math.max(1, Math.min(26, step));
    }

    /**
     * {@code geohashCalculateAreasByShapeWGS84}: the center cell then north, south, east, west, north-east,
     * north-west, south-east, south-west (-1 for a dropped one), and the step at index 9.
     */
    long[] cells() {
        final double h = box ? height / 2 : radius;
        final double w = box ? width / 2 : radius;
        final double latDelta = (h / GeoHash.EARTH_RADIUS) / D_R;
        final double longDeltaTop = (w / GeoHash.EARTH_RADIUS / StrictMath.cos((lat + latDelta) * D_R)) / D_R;
        final double longDeltaBottom = (w / GeoHash.EARTH_RADIUS / StrictMath.cos((lat - latDelta) * D_R)) / D_R;
        final boolean southern = lat < 0;
        final double minLon = southern ? lon - longDeltaBottom : lon - longDeltaTop;
        final double maxLon = southern ? lon + longDeltaBottom : lon + longDeltaTop;
        final double minLat = lat - latDelta;
        final double maxLat = lat + latDelta;
        // For a box, the distance from the center to a corner, computed in the search's unit then converted.
        final double radiusMeters = box
            ? StrictMath.sqrt(rawWidth / 2 * (rawWidth / 2) + rawHeight / 2 * (rawHeight / 2)) * conversion : radius;
        int steps = estimateSteps(radiusMeters, lat);
        long hash = GeoHash.encode(lon, lat, GeoHash.LAT_MIN, GeoHash.LAT_MAX, steps);
        long[] n = neighbours(hash, steps);
        final double[] north = GeoHash.area(n[1], steps);
        final double[] south = GeoHash.area(n[2], steps);
        final double[] east = GeoHash.area(n[3], steps);
        final double[] west = GeoHash.area(n[4], steps);
        final boolean decrease = north[3] < maxLat || south[2] > minLat || east[1] < maxLon || west[0] > minLon;
        if (steps > 1 && decrease) {
            steps--;
            hash = GeoHash.encode(lon, lat, GeoHash.LAT_MIN, GeoHash.LAT_MAX, steps);
            n = neighbours(hash, steps);
        }
        final double[] area = GeoHash.area(hash, steps);
        if (steps >= 2) {
            if (area[2] < minLat) {
                n[2] = -1;
                n[8] = -1;
                n[7] = -1;
            }
            if (area[3] > maxLat) {
                n[1] = -1;
                n[5] = -1;
                n[6] = -1;
            }
            if (area[0] < minLon) {
                n[4] = -1;
                n[8] = -1;
                n[6] = -1;
            }
            if (area[1] > maxLon) {
                n[3] = -1;
                n[7] = -1;
                n[5] = -1;
            }
        }
        n[9] = steps;
        return n;
    }

    /** The cell, N, S, E, W, NE, NW, SE, SW, and a spare slot for the step. */
    private static long[] neighbours(final long hash, final int step) {
        final long[] n = new long[10];
        n[0] = hash;
        n[1] = GeoHash.moveY(hash, step, 1);
        n[2] = GeoHash.moveY(hash, step, -1);
        n[3] = GeoHash.moveX(hash, step, 1);
        n[4] = GeoHash.moveX(hash, step, -1);
        n[5] = GeoHash.moveY(GeoHash.moveX(hash, step, 1), step, 1);
        n[6] = GeoHash.moveY(GeoHash.moveX(hash, step, -1), step, 1);
        n[7] = GeoHash.moveY(GeoHash.moveX(hash, step, 1), step, -1);
        n[8] = GeoHash.moveY(GeoHash.moveX(hash, step, -1), step, -1);
        return n;
    }
}
