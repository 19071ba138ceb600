package io.minikv.net.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

/**
 * The gate's handshake with the application's writes, step by step: an EXEC waits for a write under way, and a write
 * waits for an EXEC. Each step waits (bounded) for the other thread to reach a known state; nothing relies on timing.
 */
class ExecGateTest {
    private static final long WAIT_MS = 10_000;
    private final ExecGate gate = new ExecGate();

    private static void await(final BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not reached in time").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private boolean stillClosedAfterAMoment() {
        try {
            Thread.sleep(5);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return gate.closed();
    }

    @Test
    void shouldRunExecOnlyOnceTheWriteUnderWayHasExited() throws Exception {
        final CountDownLatch finishWrite = new CountDownLatch(1);
        final AtomicBoolean writing = new AtomicBoolean();
        final Thread writer = new Thread(() -> {
            gate.enterWrite();
            writing.set(true);
            try {
                finishWrite.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writing.set(false);
            gate.exitWrite();
        });
        writer.start();
        await(writing::get);

        final AtomicReference<Boolean> writingWhenExecRan = new AtomicReference<>();
        final Thread exec = new Thread(() -> gate.exclusive(null, () -> writingWhenExecRan.set(writing.get())));
        exec.start();
        // Either EXEC is waiting for the write (the fix: the gate stays closed) or it has already run beside it (the
        // bug: the gate closes for a moment only); then let the write finish and see which.
        await(() -> writingWhenExecRan.get() != null || gate.closed() && stillClosedAfterAMoment());
        finishWrite.countDown();
        exec.join(WAIT_MS);
        writer.join(WAIT_MS);
        assertThat(writingWhenExecRan.get()).isFalse();
    }

    @Test
    void shouldHoldAWriteBackWhileExecRuns() throws Exception {
        final CountDownLatch finishExec = new CountDownLatch(1);
        final AtomicBoolean execRunning = new AtomicBoolean();
        final Thread exec = new Thread(() -> gate.exclusive(null, () -> {
            execRunning.set(true);
            try {
                finishExec.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            execRunning.set(false);
        }));
        exec.start();
        await(execRunning::get);

        final AtomicReference<Boolean> execRunningWhenWritten = new AtomicReference<>();
        final Thread writer = new Thread(() -> {
            gate.enterWrite();
            execRunningWhenWritten.set(execRunning.get());
            gate.exitWrite();
        });
        writer.start();
        // The writer parks on the EXEC's lock, or (without the gate) has written already.
        await(() -> writer.getState() == Thread.State.WAITING || execRunningWhenWritten.get() != null);
        finishExec.countDown();
        writer.join(WAIT_MS);
        exec.join(WAIT_MS);
        assertThat(execRunningWhenWritten.get()).isFalse();
    }

    @Test
    void shouldLetWritesOfManyThreadsPassWhileNoExecRuns() throws Exception {
        final Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    gate.enterWrite();
                    gate.exitWrite();
                }
            });
            threads[t].start();
        }
        for (final Thread t : threads) {
            t.join(WAIT_MS);
        }
        // Every counter is back to zero: an EXEC runs at once.
        final AtomicBoolean ran = new AtomicBoolean();
        gate.exclusive(null, () -> ran.set(true));
        assertThat(ran).isTrue();
    }
}
