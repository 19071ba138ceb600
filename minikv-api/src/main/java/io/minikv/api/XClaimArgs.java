package io.minikv.api;

/**
 * The options of XCLAIM: the delivery time to record ({@code IDLE} or {@code TIME}), {@code RETRYCOUNT},
 * {@code FORCE}, {@code JUSTID} and {@code LASTID}. Immutable: each method returns new arguments.
 */
public final class XClaimArgs {
    private static final XClaimArgs NONE = new XClaimArgs(false, 0, false, -1, false, false, null);

    private final boolean deliveryGiven;
    private final long delivery;
    private final boolean deliveryIsIdle;
    private final long retryCount;
    private final boolean force;
    private final boolean justId;
    private final StreamId lastId;

    private XClaimArgs(final boolean deliveryGiven, final long delivery, final boolean deliveryIsIdle,
        final long retryCount, final boolean force, final boolean justId, final StreamId lastId) {
        this.deliveryGiven = deliveryGiven;
        this.delivery = delivery;
        this.deliveryIsIdle = deliveryIsIdle;
        this.retryCount = retryCount;
        this.force = force;
        this.justId = justId;
        this.lastId = lastId;
    }

    /**
     * No option: claimed entries get an idle time of 0 and their delivery count incremented.
     *
     * @return the arguments.
     */
    public static XClaimArgs none() {
        return NONE;
    }

    /**
     * {@code IDLE ms}: the claimed entries' idle time (their delivery time becomes now minus this). Replaces a
     * {@link #time} given before, as the later option wins in Redis.
     *
     * @param millis the idle time; a delivery time that would fall before 0 or after now becomes now.
     * @return the arguments.
     */
    public XClaimArgs idle(final long millis) {
        return new XClaimArgs(true, millis, true, retryCount, force, justId, lastId);
    }

    /**
     * {@code TIME ms}: the claimed entries' delivery time, Unix milliseconds. Replaces an {@link #idle} given before.
     *
     * @param unixMillis the time; below 0 or after now it becomes now.
     * @return the arguments.
     */
    public XClaimArgs time(final long unixMillis) {
        return new XClaimArgs(true, unixMillis, false, retryCount, force, justId, lastId);
    }

    /**
     * {@code RETRYCOUNT n}: the claimed entries' delivery count.
     *
     * @param count the count; a negative value means the option is absent.
     * @return the arguments.
     */
    public XClaimArgs retryCount(final long count) {
        return new XClaimArgs(deliveryGiven, delivery, deliveryIsIdle, count, force, justId, lastId);
    }

    /**
     * {@code FORCE}: an ID that exists in the stream but in no PEL is added to the consumer's PEL.
     *
     * @return the arguments.
     */
    public XClaimArgs force() {
        return new XClaimArgs(deliveryGiven, delivery, deliveryIsIdle, retryCount, true, justId, lastId);
    }

    /**
     * {@code JUSTID}: return the IDs only (entries with null fields) and leave the delivery counts alone.
     *
     * @return the arguments.
     */
    public XClaimArgs justId() {
        return new XClaimArgs(deliveryGiven, delivery, deliveryIsIdle, retryCount, force, true, lastId);
    }

    /**
     * {@code LASTID id}: the group's last delivered ID becomes this when it is above it.
     *
     * @param id the ID.
     * @return the arguments.
     */
    public XClaimArgs lastId(final StreamId id) {
        if (id == null) {
            throw new NullPointerException("id");
        }
        return new XClaimArgs(deliveryGiven, delivery, deliveryIsIdle, retryCount, force, justId, id);
    }

    /**
     * Returns the delivery time to record for the claimed entries, as Redis computes it: {@code now} when neither
     * IDLE nor TIME was given or when the result is negative or in the future.
     *
     * @param nowMillis the store's time.
     * @return the delivery time, Unix milliseconds.
     */
    public long deliveryTime(final long nowMillis) {
        if (!deliveryGiven) {
            return nowMillis;
        }
        final long time = deliveryIsIdle ? nowMillis - delivery : delivery;
        return time < 0 || time > nowMillis ? nowMillis : time;
    }

    /**
     * Returns RETRYCOUNT.
     *
     * @return the count, -1 when not given.
     */
    public long retryCountValue() {
        return retryCount < 0 ? -1 : retryCount;
    }

    /**
     * Returns whether FORCE was given.
     *
     * @return true with FORCE.
     */
    public boolean isForce() {
        return force;
    }

    /**
     * Returns whether JUSTID was given.
     *
     * @return true with JUSTID.
     */
    public boolean isJustId() {
        return justId;
    }

    /**
     * Returns LASTID.
     *
     * @return the ID, null when not given.
     */
    public StreamId lastIdValue() {
        return lastId;
    }
}
