package io.minikv.net.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.minikv.net.MiniKvServer;

/**
 * MIGRATE against a real redis-server: the same script runs on Redis and on mini-kv, each migrating into a target
 * Redis of its own; replies, the keys left at the source and the keys at the target must be the same. Then mini-kv
 * migrates into a mini-kv target. Covers OK, NOKEY, KEYS, COPY, REPLACE, the target's BUSYKEY, SELECT and AUTH
 * errors relayed, option errors and a refused connection.
 */
class MigrateDiffTest {

    private static Path redisExecutable() {
        final Optional<Path> exe = RedisServerProcess.findExecutable();
        if (exe.isEmpty() && !DiffServersExtension.isCi()) {
            Assumptions.abort("redis-server is not on the PATH");
        }
        return exe.orElseThrow();
    }

    private static List<String[]> script(final int port) {
        final String p = Integer.toString(port);
        final String h = "127.0.0.1";
        final List<String[]> s = new ArrayList<>();
        s.add(new String[] {"SET", "a", "1"});
        s.add(new String[] {"RPUSH", "l", "x", "y"});
        s.add(new String[] {"SET", "t", "v", "PX", "100000"});
        s.add(new String[] {"MIGRATE", h, p, "a", "0", "5000"});
        s.add(new String[] {"EXISTS", "a"});
        s.add(new String[] {"MIGRATE", h, p, "missing", "0", "5000"});
        s.add(new String[] {"MIGRATE", h, p, "", "0", "5000", "KEYS", "l", "missing", "t"});
        s.add(new String[] {"EXISTS", "l", "t"});
        s.add(new String[] {"SET", "a", "2"});
        s.add(new String[] {"MIGRATE", h, p, "a", "0", "5000"});
        s.add(new String[] {"EXISTS", "a"});
        s.add(new String[] {"MIGRATE", h, p, "a", "0", "5000", "COPY", "REPLACE"});
        s.add(new String[] {"EXISTS", "a"});
        s.add(new String[] {"MIGRATE", h, p, "a", "0", "5000", "KEYS", "b"});
        s.add(new String[] {"MIGRATE", h, p, "a", "0", "5000", "AUTH"});
        s.add(new String[] {"MIGRATE", h, p, "a", "0", "5000", "AUTH2", "u"});
        s.add(new String[] {"MIGRATE", h, p, "a", "0", "5000", "BOGUS"});
        s.add(new String[] {"MIGRATE", h, p, "a", "x", "5000"});
        s.add(new String[] {"MIGRATE", h, p, "a", "0", "x"});
        s.add(new String[] {"MIGRATE", h, p, "a", "99", "5000", "COPY"});
        s.add(new String[] {"MIGRATE", h, p, "a", "0", "5000", "COPY", "AUTH", "wrong"});
        s.add(new String[] {"MIGRATE", h, "1", "a", "0", "200"});
        s.add(new String[] {"MIGRATE", h, p, "a", "1", "0"});
        s.add(new String[] {"EXISTS", "a"});
        s.add(new String[] {"COMMAND", "GETKEYS", "MIGRATE", h, p, "", "0", "5", "AUTH", "keys", "KEYS", "k1", "k2"});
        s.add(new String[] {"COMMAND", "GETKEYS", "MIGRATE", h, p, "k", "0", "5", "COPY"});
        return s;
    }

    /** What a target holds after the script. */
    private static String target(final RawRespClient t) throws IOException {
        final StringBuilder out = new StringBuilder();
        out.append(t.call("GET", "a")).append(t.call("LRANGE", "l", "0", "-1")).append(t.call("GET", "t"));
        final long pttl = t.call("PTTL", "t").integer();
        out.append(pttl > 90_000 && pttl <= 100_000);
        t.call("SELECT", "1");
        out.append(t.call("GET", "a"));
        t.call("SELECT", "0");
        return out.toString();
    }

    @Test
    void shouldMigrateAsRedis() throws IOException {
        final Path exe = redisExecutable();
        try (RedisServerProcess redis = RedisServerProcess.start(exe);
             RedisServerProcess redisTarget = RedisServerProcess.start(exe);
             RedisServerProcess minikvTarget = RedisServerProcess.start(exe);
             MiniKvServer minikv = MiniKvServer.builder().port(0).workers(2).build().start();
             MiniKvServer minikv2 = MiniKvServer.builder().port(0).workers(2).build().start();
             RawRespClient r = new RawRespClient("127.0.0.1", redis.port());
             RawRespClient m = new RawRespClient(minikv.host(), minikv.port());
             RawRespClient rt = new RawRespClient("127.0.0.1", redisTarget.port());
             RawRespClient mt = new RawRespClient("127.0.0.1", minikvTarget.port());
             RawRespClient m2 = new RawRespClient(minikv2.host(), minikv2.port())) {
            final List<String[]> onRedis = script(redisTarget.port());
            final List<String[]> onMiniKv = script(minikvTarget.port());
            final List<String> redisReplies = new ArrayList<>();
            for (int i = 0; i < onRedis.size(); i++) {
                final RespReply expected = r.call(onRedis.get(i));
                redisReplies.add(expected.toString());
                final RespReply actual = m.call(onMiniKv.get(i));
                assertThat(actual.toString()).as(String.join(" ", onMiniKv.get(i)))
                    .isEqualTo(expected.toString());
            }
            assertThat(target(mt)).isEqualTo(target(rt));
            // The passwords of AUTH and AUTH2 are redacted in the slow log, as Redis's option loop does.
            for (final String[] command : List.of(
                new String[] {"MIGRATE", "127.0.0.1", "1", "a", "0", "100", "COPY", "AUTH", "pw", "AUTH2", "u", "p"},
                new String[] {"MIGRATE", "127.0.0.1", "1", "", "0", "100", "AUTH2", "u", "p", "KEYS", "AUTH", "x"})) {
                r.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
                m.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
                r.call(command);
                m.call(command);
                final RespReply expected = r.call("SLOWLOG", "GET", "1").elements().get(0).elements().get(3);
                final RespReply actual = m.call("SLOWLOG", "GET", "1").elements().get(0).elements().get(3);
                assertThat(actual.toString()).isEqualTo(expected.toString());
            }

            // mini-kv into mini-kv.
            final List<String[]> toMiniKv = script(minikv2.port());
            m.call("FLUSHALL");
            // Up to the COPY REPLACE: a, l and t moved, a set again, refused, then copied over.
            for (int i = 0; i < 13; i++) {
                assertThat(m.call(toMiniKv.get(i)).toString()).as(String.join(" ", toMiniKv.get(i)))
                    .isEqualTo(redisReplies.get(i));
            }
            assertThat(target(m2)).isEqualTo("$1\\r\\n2\\r\\n*2\\r\\n$1\\r\\nx\\r\\n$1\\r\\ny\\r\\n$1\\r\\nv\\r\\ntrue$-1\\r\\n");
        }
    }
}
