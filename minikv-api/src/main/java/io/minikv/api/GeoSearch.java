package io.minikv.api;

import java.util.Objects;

/**
 * The selection of {@code GEOSEARCH} and {@code GEOSEARCHSTORE}: a center (FROMMEMBER or FROMLONLAT), a shape
 * (BYRADIUS or BYBOX, with its unit), an order (ASC, DESC, or none: the order Redis finds the members in) and an
 * optional COUNT, possibly with ANY.
 * <p>
 * Built with {@link #fromMember(byte[])} or {@link #fromLonLat(double, double)}, then one of {@code byRadius} /
 * {@code byBox}; each step validates its arguments at once with Redis's error. Immutable and thread-safe; the
 * builder methods return new instances.
 */
public final class GeoSearch {
    /** The result order. */
    public enum Order {
        /** No sorting: the order Redis's search visits the members. */
        NONE,
        /** Nearest first. */
        ASC,
        /** Farthest first. */
        DESC
    }

    private final byte[] member;
    private final double longitude;
    private final double latitude;
    private final boolean box;
    private final double radius;
    private final double width;
    private final double height;
    private final GeoUnit unit;
    private final Order order;
    private final long count;
    private final boolean any;

    private GeoSearch(final byte[] member, final double longitude, final double latitude, final boolean box,
        final double radius, final double width, final double height, final GeoUnit unit, final Order order,
        final long count, final boolean any) {
        this.member = member;
        this.longitude = longitude;
        this.latitude = latitude;
        this.box = box;
        this.radius = radius;
        this.width = width;
        this.height = height;
        this.unit = unit;
        this.order = order;
        this.count = count;
        this.any = any;
    }

    /**
     * Starts a search centered on a member of the searched set ({@code FROMMEMBER}).
     *
     * @param member the member; the search fails with {@link KvError#GEO_MEMBER_NOT_FOUND} when it is not in the
     *     set (a missing key yields an empty result instead).
     * @return a search without shape yet.
     */
    public static GeoSearch fromMember(final byte[] member) {
        return new GeoSearch(Objects.requireNonNull(member, "member"), 0, 0, false, -1, 0, 0, null, Order.NONE, 0,
            false);
    }

    /**
     * Starts a search centered on a position ({@code FROMLONLAT}).
     *
     * @param longitude from -180 to 180.
     * @param latitude from -85.05112878 to 85.05112878.
     * @return a search without shape yet.
     * @throws KvException {@link KvError#GEO_INVALID_LONLAT} outside those ranges (or NaN).
     */
    public static GeoSearch fromLonLat(final double longitude, final double latitude) {
        checkLonLat(longitude, latitude);
        return new GeoSearch(null, longitude, latitude, false, -1, 0, 0, null, Order.NONE, 0, false);
    }

    /**
     * Checks a position against Redis's limits.
     *
     * @param longitude the longitude.
     * @param latitude the latitude.
     * @throws KvException {@link KvError#GEO_INVALID_LONLAT} when out of range.
     */
    public static void checkLonLat(final double longitude, final double latitude) {
        if (!(longitude >= -180 && longitude <= 180 && latitude >= -85.05112878 && latitude <= 85.05112878)) {
            throw KvError.invalidLonLat(longitude, latitude);
        }
    }

    /**
     * Searches within a radius ({@code BYRADIUS}).
     *
     * @param radius at least 0.
     * @param unit the unit of the radius and of the distances returned.
     * @return a new search.
     * @throws KvException {@link KvError#GEO_RADIUS_NEGATIVE}.
     */
    public GeoSearch byRadius(final double radius, final GeoUnit unit) {
        if (radius < 0) {
            throw KvError.GEO_RADIUS_NEGATIVE.exception();
        }
        return new GeoSearch(member, longitude, latitude, false, radius, 0, 0, Objects.requireNonNull(unit, "unit"),
            order, count, any);
    }

    /**
     * Searches within an axis-aligned box centered on the center ({@code BYBOX}).
     *
     * @param width east-west extent, at least 0.
     * @param height north-south extent, at least 0.
     * @param unit the unit of the box and of the distances returned.
     * @return a new search.
     * @throws KvException {@link KvError#GEO_BOX_NEGATIVE}.
     */
    public GeoSearch byBox(final double width, final double height, final GeoUnit unit) {
        if (width < 0 || height < 0) {
            throw KvError.GEO_BOX_NEGATIVE.exception();
        }
        return new GeoSearch(member, longitude, latitude, true, -1, width, height, Objects.requireNonNull(unit, "unit"),
            order, count, any);
    }

    /**
     * Sets the order ({@code ASC} / {@code DESC}).
     *
     * @param value the order.
     * @return a new search.
     */
    public GeoSearch order(final Order value) {
        return new GeoSearch(member, longitude, latitude, box, radius, width, height, unit,
            Objects.requireNonNull(value, "order"), count, any);
    }

    /**
     * Limits the result ({@code COUNT count [ANY]}). Without ANY the nearest {@code count} members are returned
     * (ascending unless DESC is set); with ANY the search stops after finding {@code count} members.
     *
     * @param limit at least 1.
     * @param stopEarly ANY.
     * @return a new search.
     * @throws KvException {@link KvError#GEO_COUNT_NOT_POSITIVE}.
     */
    public GeoSearch count(final long limit, final boolean stopEarly) {
        if (limit <= 0) {
            throw KvError.GEO_COUNT_NOT_POSITIVE.exception();
        }
        return new GeoSearch(member, longitude, latitude, box, radius, width, height, unit, order, limit, stopEarly);
    }

    /**
     * Returns the FROMMEMBER member.
     *
     * @return the member, null for FROMLONLAT.
     */
    public byte[] member() {
        return member;
    }

    /**
     * Returns the FROMLONLAT longitude.
     *
     * @return degrees; 0 for FROMMEMBER.
     */
    public double longitude() {
        return longitude;
    }

    /**
     * Returns the FROMLONLAT latitude.
     *
     * @return degrees; 0 for FROMMEMBER.
     */
    public double latitude() {
        return latitude;
    }

    /**
     * Tells whether the shape is a box.
     *
     * @return true for BYBOX, false for BYRADIUS.
     */
    public boolean isBox() {
        return box;
    }

    /**
     * Returns the BYRADIUS radius.
     *
     * @return the radius in {@link #unit()}.
     */
    public double radius() {
        return radius;
    }

    /**
     * Returns the BYBOX width.
     *
     * @return the width in {@link #unit()}.
     */
    public double width() {
        return width;
    }

    /**
     * Returns the BYBOX height.
     *
     * @return the height in {@link #unit()}.
     */
    public double height() {
        return height;
    }

    /**
     * Returns the unit.
     *
     * @return the unit, null until a shape is set.
     */
    public GeoUnit unit() {
        return unit;
    }

    /**
     * Returns the order.
     *
     * @return the order.
     */
    public Order order() {
        return order;
    }

    /**
     * Returns the COUNT.
     *
     * @return the limit, 0 for none.
     */
    public long count() {
        return count;
    }

    /**
     * Tells whether ANY is set.
     *
     * @return true with ANY.
     */
    public boolean any() {
        return any;
    }

    /**
     * Checks that the search is complete: a shape was given, and ANY comes with COUNT.
     *
     * @param command the command name for the error text, e.g. {@code "geosearch"}.
     * @throws KvException {@link KvError#GEO_NEED_BY} or {@link KvError#GEO_ANY_NEEDS_COUNT}.
     */
    public void validate(final String command) {
        if (unit == null) {
            throw new KvException(KvError.GEO_NEED_BY, KvError.GEO_NEED_BY.format(command));
        }
        if (any && count == 0) {
            throw KvError.GEO_ANY_NEEDS_COUNT.exception();
        }
    }
}
