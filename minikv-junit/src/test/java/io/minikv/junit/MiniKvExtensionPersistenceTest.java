package io.minikv.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import io.minikv.MiniKv;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import redis.clients.jedis.RedisClient;

/**
 * The persistence options: data directory, snapshot file name, save points and fixture snapshots, run through the
 * JUnit Platform test kit on nested example classes (which the build's own run does not pick up).
 */
class MiniKvExtensionPersistenceTest {
    /** Set by the outer test before the kit loads an example class, whose extension reads them. */
    private static Path fixture;
    private static Path directory;
    private static final List<Path> SNAPSHOT_FILES = new ArrayList<>();

    @TempDir
    Path temp;

    @BeforeEach
    void clear() {
        SNAPSHOT_FILES.clear();
    }

    private static Events run(final Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    private static byte[] b(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes a snapshot holding {@code greeting=hello} in database 0 and {@code other=1} in database 2. */
    private Path writeFixture(final String name) {
        final Path dir = temp.resolve("fixture-src");
        try (KvStore store = MiniKv.open(KvOptions.builder().dataDirectory(dir).snapshotFileName(name).build())) {
            store.set(b("greeting"), b("hello"));
            store.database(2).sadd(b("other"), b("1"));
            store.save();
        }
        return dir.resolve(name);
    }

    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class ClassWideFixture {
        @RegisterExtension
        static final MiniKvExtension REDIS = MiniKvExtension.builder().fixtureSnapshot(fixture).build();

        @Test
        void first() {
            SNAPSHOT_FILES.add(REDIS.snapshotFile());
            try (RedisClient redis = RedisClient.create(REDIS.host(), REDIS.port())) {
                assertThat(redis.get("greeting")).isEqualTo("hello");
                redis.set("greeting", "changed");
                redis.set("extra", "x");
            }
            REDIS.store().save();
            assertThat(REDIS.store().database(2).sismember(b("other"), b("1"))).isTrue();
        }

        @Test
        void second() {
            try (RedisClient redis = RedisClient.create(REDIS.host(), REDIS.port())) {
                assertThat(redis.get("greeting")).isEqualTo("hello");
                assertThat(redis.exists("extra")).isFalse();
            }
        }
    }

    @Test
    void shouldStartFromTheFixtureAndResetToItBeforeEachTestWithoutWritingIt() throws IOException {
        fixture = writeFixture("fixture.mkv");
        final byte[] before = Files.readAllBytes(fixture);
        run(ClassWideFixture.class).assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(Files.readAllBytes(fixture)).isEqualTo(before);
        assertThat(SNAPSHOT_FILES).hasSize(1);
        assertThat(SNAPSHOT_FILES.get(0).getFileName().toString()).isEqualTo("dump.mkv");
        assertThat(SNAPSHOT_FILES.get(0).getParent()).doesNotExist();
    }

    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class DirectoryAndSavePoints {
        @RegisterExtension
        static final MiniKvExtension REDIS = MiniKvExtension.builder().dataDirectory(directory)
            .snapshotFileName("data.mkv").savePoints("900 1 60 100").keepDataBetweenTests().build();

        @Test
        void first() {
            SNAPSHOT_FILES.add(REDIS.snapshotFile());
            try (RedisClient redis = RedisClient.create(REDIS.host(), REDIS.port())) {
                assertThat(redis.configGet("save")).containsEntry("save", "900 1 60 100");
                assertThat(redis.configGet("dbfilename")).containsEntry("dbfilename", "data.mkv");
                redis.set("kept", "yes");
            }
            REDIS.store().save();
        }
    }

    static class SecondServerOnTheSameDirectory {
        @RegisterExtension
        final MiniKvExtension redis = MiniKvExtension.builder().dataDirectory(directory)
            .snapshotFileName("data.mkv").build();

        @Test
        void loadsWhatTheFirstSaved() {
            assertThat(redis.store().get(b("kept"))).isEqualTo(b("yes"));
        }
    }

    @Test
    void shouldLoadAndSaveTheSnapshotOfTheDataDirectory() {
        directory = temp.resolve("data");
        run(DirectoryAndSavePoints.class).assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(SNAPSHOT_FILES).containsExactly(directory.resolve("data.mkv"));
        assertThat(directory.resolve("data.mkv")).isRegularFile();
        run(SecondServerOnTheSameDirectory.class).assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    static class FixtureIntoADataDirectory {
        @RegisterExtension
        final MiniKvExtension redis = MiniKvExtension.builder().dataDirectory(directory).fixtureSnapshot(fixture)
            .build();

        @Test
        void startsFromTheFixture() {
            assertThat(redis.store().get(b("greeting"))).isEqualTo(b("hello"));
            redis.store().set(b("greeting"), b("saved"));
            redis.store().save();
        }
    }

    @Test
    void shouldCopyTheFixtureOverTheSnapshotOfAGivenDirectoryAtEachStart() {
        fixture = writeFixture("f.mkv");
        directory = temp.resolve("own");
        run(FixtureIntoADataDirectory.class).assertStatistics(stats -> stats.started(1).succeeded(1));
        run(FixtureIntoADataDirectory.class).assertStatistics(stats -> stats.started(1).succeeded(1));
        try (KvStore reopened = MiniKv.open(KvOptions.builder().dataDirectory(directory).build())) {
            assertThat(reopened.get(b("greeting"))).isEqualTo(b("saved"));
        }
    }

    static class CorruptFixture {
        @RegisterExtension
        final MiniKvExtension redis = MiniKvExtension.builder().fixtureSnapshot(fixture).build();

        @Test
        void neverRuns() {
            redis.store();
        }
    }

    @Test
    void shouldFailTheTestClearlyOnACorruptFixture() throws IOException {
        fixture = temp.resolve("corrupt.mkv");
        Files.write(fixture, b("not a snapshot"));
        final Events events = run(CorruptFixture.class);
        events.assertStatistics(stats -> stats.failed(1));
        assertThat(events.failed().stream().findFirst().orElseThrow().getPayload(
            org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow()
            .getMessage()).contains("corrupt.mkv");
    }

    @Test
    void shouldValidatePersistenceOptionsAtOnce() {
        assertThatThrownBy(() -> MiniKvExtension.builder().savePoints("10"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MiniKvExtension.builder().savePoints("60 1").build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("dataDirectory");
        assertThatThrownBy(() -> MiniKvExtension.builder().snapshotFileName("a/b.mkv"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MiniKvExtension.builder().fixtureSnapshot(temp.resolve("missing.mkv")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.mkv");
        assertThat(MiniKvExtension.builder().savePoints("").build()).isNotNull();
    }
}
