package io.minikv.net.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.minikv.MiniKv;
import io.minikv.api.KvStore;
import io.minikv.net.RawClient;
import io.minikv.net.command.Client;
import io.minikv.net.command.CommandSpec;
import io.minikv.net.command.CommandTable;
import io.minikv.net.command.Commands;
import io.minikv.net.command.Dispatcher;
import io.minikv.net.command.ServerContext;
import io.minikv.net.resp.RespLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The event loop's support for blocking commands: a handler parks its client (no reply, no further commands run),
 * another client's command wakes it through the owner loop, and the parked client's pipelined commands then run in
 * order; a parked client that disconnects runs its close tasks.
 */
class ParkingIT {
    private final AtomicReference<Client> parked = new AtomicReference<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private KvStore store;
    private Acceptor acceptor;

    @BeforeEach
    void start() throws IOException {
        store = MiniKv.open();
        final CommandTable table = Commands.table();
        table.register(CommandSpec.of("testpark", 1, "server", c -> {
            parked.set(c);
            c.control().suspend();
            c.control().onClose(closed::countDown);
        }).doc("Parks the caller.", "0").build());
        table.register(CommandSpec.of("testwake", 1, "server", c -> {
            final Client sleeper = parked.getAndSet(null);
            sleeper.control().execute(() -> {
                sleeper.reply().bulk("woken");
                sleeper.control().resume();
            });
            c.reply().ok();
        }).doc("Wakes the parked client.", "0").build());
        final ServerContext context = new ServerContext(store, table, "127.0.0.1", null, 100, 0, 0,
            RespLimits.DEFAULTS);
        acceptor = new Acceptor(context, new Dispatcher(table), "127.0.0.1", 0, 2);
        acceptor.start();
    }

    @AfterEach
    void stop() {
        acceptor.close();
        store.close();
    }

    @Test
    void shouldParkAClientAndResumeItsPipelineInOrder() throws IOException, InterruptedException {
        try (RawClient sleeper = new RawClient("127.0.0.1", acceptor.port());
             RawClient waker = new RawClient("127.0.0.1", acceptor.port())) {
            sleeper.send("TESTPARK\r\nPING\r\nECHO after\r\n");
            awaitParked();
            sleeper.timeout(200);
            assertThat(sleeper.isClosedByServer()).isFalse();
            sleeper.timeout(10_000);
            assertThat(waker.call("INFO", "clients")).contains("blocked_clients:1\r\n");
            assertThat(waker.call("CLIENT", "LIST")).contains(" flags=b ");
            assertThat(waker.call("TESTWAKE")).isEqualTo("+OK\r\n");
            assertThat(sleeper.read(29)).isEqualTo("$5\r\nwoken\r\n+PONG\r\n$5\r\nafter\r\n");
            assertThat(sleeper.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(waker.call("INFO", "clients")).contains("blocked_clients:0\r\n");
        }
    }

    @Test
    void shouldRunCloseTasksWhenAParkedClientDisconnects() throws IOException, InterruptedException {
        try (RawClient sleeper = new RawClient("127.0.0.1", acceptor.port())) {
            sleeper.send("TESTPARK\r\n");
            awaitParked();
        }
        assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private void awaitParked() throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (parked.get() == null) {
            assertThat(System.nanoTime()).as("client parked within 10 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
