package io.minikv.junit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when a test moves it, so TTLs can be tested without sleeping: set a key with
 * {@code EX 60}, {@link #advance advance} the clock by 61 seconds, and the key is gone, for the embedded store and for
 * every client of the server alike.
 * <p>
 * Millisecond resolution, like Redis's TTLs. The clock may be moved backwards ({@link #set}), which Redis cannot
 * do; keys then live longer, never shorter.
 * <p>
 * <b>Threads.</b> Thread-safe: the server's event loops read it while the test thread moves it.
 */
public final class TestClock extends Clock {
    private final AtomicLong millis;

    private TestClock(final long millis) {
        this.millis = new AtomicLong(millis);
    }

    /**
     * Returns a clock stopped at the current system time.
     *
     * @return a new clock.
     */
    public static TestClock stoppedNow() {
        return new TestClock(System.currentTimeMillis());
    }

    /**
     * Returns a clock stopped at the given instant.
     *
     * @param instant the time to show, not null.
     * @return a new clock.
     */
    public static TestClock stoppedAt(final Instant instant) {
        return new TestClock(Objects.requireNonNull(instant, "instant").toEpochMilli());
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far; not null, not negative.
     * @return this clock.
     * @throws IllegalArgumentException when {@code duration} is negative.
     */
    public TestClock advance(final Duration duration) {
        if (Objects.requireNonNull(duration, "duration").isNegative()) {
            throw new IllegalArgumentException("cannot advance by a negative duration: " + duration);
        }
        millis.addAndGet(duration.toMillis());
        return this;
    }

    /**
     * Sets the clock to an instant, earlier or later than the current one.
     *
     * @param instant the time to show, not null.
     * @return this clock.
     */
    public TestClock set(final Instant instant) {
        millis.set(Objects.requireNonNull(instant, "instant").toEpochMilli());
        return this;
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /**
     * Returns this clock: a test clock has a single time line, shown in UTC.
     *
     * @param zone ignored.
     * @return this clock.
     */
    @Override
    public Clock withZone(final ZoneId zone) {
        return this;
    }

    @Override
    public String toString() {
        return "TestClock[" + instant() + "]";
    }
}
