package io.minikv.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import io.minikv.api.KvStore;
import io.minikv.net.MiniKvServer;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

/**
 * When servers start and stop, run through the JUnit Platform test kit on small example classes (nested here, so
 * the build's own test run does not pick them up).
 */
class MiniKvExtensionLifecycleTest {
    private static final List<KvStore> STORES = new ArrayList<>();
    private static final List<Integer> PORTS = new ArrayList<>();

    @BeforeEach
    void clear() {
        STORES.clear();
        PORTS.clear();
    }

    private static Events run(final Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    private static boolean accepts(final int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (final IOException refused) {
            return false;
        }
    }

    static class PerTestServers {
        @RegisterExtension
        final MiniKvExtension redis = MiniKvExtension.create();

        @Test
        void first() {
            record();
        }

        @Test
        void second() {
            record();
        }

        private void record() {
            assertThat(redis.store().dbsize()).isZero();
            redis.store().set("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8));
            STORES.add(redis.store());
            PORTS.add(redis.port());
        }
    }

    @Test
    void shouldGiveEachTestItsOwnServerWhenRegisteredOnAnInstanceField() {
        run(PerTestServers.class).assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(STORES).hasSize(2);
        assertThat(STORES.get(0)).isNotSameAs(STORES.get(1));
        assertThat(PORTS).allSatisfy(port -> assertThat(accepts(port)).as("port %d after the test", port).isFalse());
    }

    @ExtendWith(MiniKvExtension.class)
    static class DeclarativeClassServer {
        @Test
        void first(final MiniKvServer server, final KvStore store) {
            STORES.add(store);
            PORTS.add(server.port());
            try (RedisClient redis = RedisClient.create(server.host(), server.port())) {
                assertThat(redis.ping()).isEqualTo("PONG");
                redis.set("from-first", "1");
            }
        }

        @Test
        void second(final MiniKvServer server, final KvStore store) {
            STORES.add(store);
            PORTS.add(server.port());
        }
    }

    @Test
    void shouldShareOneServerAcrossAClassAndStopItAfterwards() {
        run(DeclarativeClassServer.class).assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(STORES).hasSize(2);
        assertThat(STORES.get(0)).isSameAs(STORES.get(1));
        assertThat(PORTS.get(0)).isEqualTo(PORTS.get(1));
        assertThat(accepts(PORTS.get(0))).as("port after the class").isFalse();
    }

    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class KeepData {
        @RegisterExtension
        static final MiniKvExtension REDIS = MiniKvExtension.builder().keepDataBetweenTests().password("s3cret")
            .build();

        @Test
        void first() {
            try (RedisClient redis = RedisClient.builder().hostAndPort(REDIS.host(), REDIS.port())
                .clientConfig(DefaultJedisClientConfig.builder().password("s3cret").build())
                .build()) {
                redis.set("kept", "yes");
            }
            PORTS.add(REDIS.port());
        }

        @Test
        void second() {
            assertThat(REDIS.store().get("kept".getBytes(StandardCharsets.UTF_8))).isNotNull();
            assertThat(REDIS.uri()).isEqualTo("redis://:s3cret@127.0.0.1:" + REDIS.port());
        }
    }

    @Test
    void shouldKeepDataBetweenTestsWhenAsked() {
        run(KeepData.class).assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    static class NoTestClock {
        @RegisterExtension
        static final MiniKvExtension REDIS = MiniKvExtension.create();

        @Test
        void wantsAClock(final TestClock clock) {
            PORTS.add(REDIS.port());
        }
    }

    @Test
    void shouldExplainThatTheClockMustBeAskedFor() {
        run(NoTestClock.class).assertStatistics(stats -> stats.started(1).failed(1));
        run(NoTestClock.class).failed().assertThatEvents().singleElement().satisfies(event ->
            assertThat(event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow())
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessageContaining("builder().testClock()"));
        assertThat(PORTS).isEmpty();
    }

    @Test
    void shouldRefuseAccessOutsideItsTests() {
        final MiniKvExtension unused = MiniKvExtension.create();
        assertThatThrownBy(unused::port).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("not running");
    }
}
