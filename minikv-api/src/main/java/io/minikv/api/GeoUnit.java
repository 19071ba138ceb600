package io.minikv.api;

/**
 * The distance units of the geo commands ({@code m}, {@code km}, {@code ft}, {@code mi}), with Redis's factors.
 */
public enum GeoUnit {
    /** Meters. */
    M(1),
    /** Kilometers. */
    KM(1000),
    /** Feet: Redis's factor, 0.3048 m. */
    FT(0.3048),
    /** Miles: Redis's factor, 1609.34 m (not the exact 1609.344). */
    MI(1609.34);

    private final double meters;

    GeoUnit(final double meters) {
        this.meters = meters;
    }

    /**
     * Returns how many meters one unit is.
     *
     * @return the conversion factor.
     */
    public double meters() {
        return meters;
    }
}
