package io.minikv.net.command;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The server's timers for deadlines (blocking timeouts, the end of a CLIENT PAUSE): one daemon thread each, started
 * on first use and ended after a second without work, so an idle server keeps no timer thread.
 */
final class DaemonTimers {
    private DaemonTimers() {
    }

    /**
     * Creates a timer.
     *
     * @param threadName the name of its thread.
     * @return the timer; cancelled tasks leave its queue at once.
     */
    static ScheduledThreadPoolExecutor create(final String threadName) {
        final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            final Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(1, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }
}
