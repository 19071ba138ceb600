package io.minikv.net.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.minikv.net.MiniKvServer;

/**
 * DUMP and RESTORE across servers: keys of every type, in each encoding Redis 7.0 gives them (int, embstr and raw
 * strings, compressible ones; listpack and multi-node lists; intset and hashtable sets; listpack and skiplist sorted
 * sets; listpack and hashtable hashes; streams with deleted entries, consumer groups and pending entries), are
 * built on a real redis-server, DUMPed there and RESTOREd on mini-kv, then DUMPed on mini-kv and RESTOREd on Redis:
 * all three copies must read the same. String payloads must be byte-identical to Redis's.
 * <p>
 * Starts its own redis-server and mini-kv server.
 */
class DumpRestoreDiffTest {
    /** Commands that build the keys on Redis. */
    private static final List<String[]> SETUP = new ArrayList<>();

    static {
        add("SET", "s:int", "12345");
        add("SET", "s:neg", "-7");
        add("SET", "s:big", "4294967296");
        add("SET", "s:zero", "0");
        add("SET", "s:lead", "0123");
        add("SET", "s:short", "hello");
        add("SET", "s:empty", "");
        add("SET", "s:compress", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        add("SET", "s:text", "the quick brown fox jumps over the lazy dog; the quick brown fox jumps over the lazy dog");
        add("SET", "s:random", "q8Zx1LmP0vR7tY2wE5uI9oA3sD6fG4hJkKcVbN");
        add("SET", "s:long", "abcdefghij".repeat(1000) + "xyz".repeat(700));
        add("RPUSH", "l:small", "a", "1", "-5", "300", "70000", "9999999999", "hello world");
        final String[] bigList = new String[602];
        bigList[0] = "RPUSH";
        bigList[1] = "l:big";
        for (int i = 0; i < 600; i++) {
            bigList[i + 2] = i % 3 == 0 ? Integer.toString(i * 1000) : "element-" + i + "x".repeat(i % 50);
        }
        add(bigList);
        add("RPUSH", "l:wide", "y".repeat(70000), "z");
        add("SADD", "set:int", "1", "2", "-3", "100000", "9000000000");
        add("SADD", "set:str", "a", "b", "c", "1");
        final String[] bigSet = new String[702];
        bigSet[0] = "SADD";
        bigSet[1] = "set:big";
        for (int i = 0; i < 700; i++) {
            bigSet[i + 2] = Integer.toString(i * 7);
        }
        add(bigSet);
        add("ZADD", "z:small", "1", "a", "2.5", "b", "-3", "c", "1e10", "d", "inf", "e", "-inf", "f", "0", "g");
        final String[] bigZset = new String[402];
        bigZset[0] = "ZADD";
        bigZset[1] = "z:big";
        for (int i = 0; i < 200; i++) {
            bigZset[2 * i + 2] = Double.toString(i / 3.0);
            bigZset[2 * i + 3] = "member" + i;
        }
        add(bigZset);
        add("ZADD", "z:wide", "1", "m".repeat(100), "2", "n");
        add("HSET", "h:small", "f1", "v1", "f2", "2", "n", "-100000");
        final String[] bigHash = new String[602];
        bigHash[0] = "HSET";
        bigHash[1] = "h:big";
        for (int i = 0; i < 300; i++) {
            bigHash[2 * i + 2] = "field" + i;
            bigHash[2 * i + 3] = i % 2 == 0 ? Integer.toString(i) : "value" + i;
        }
        add(bigHash);
        add("HSET", "h:wide", "f", "v".repeat(100));
        add("XADD", "x:plain", "1-1", "f", "v", "n", "1");
        add("XADD", "x:plain", "1-2", "f", "w", "n", "2");
        add("XADD", "x:plain", "5-0", "other", "x");
        add("XADD", "x:plain", "6-0", "f", "v", "n", "3");
        add("XDEL", "x:plain", "1-2");
        for (int i = 1; i <= 250; i++) {
            add("XADD", "x:groups", i + "-0", "k", "v" + i, "n", Integer.toString(i));
        }
        add("XDEL", "x:groups", "3-0", "150-0");
        add("XGROUP", "CREATE", "x:groups", "g1", "0");
        add("XGROUP", "CREATE", "x:groups", "g2", "$");
        add("XGROUP", "CREATE", "x:groups", "g3", "10-0");
        add("XREADGROUP", "GROUP", "g1", "alice", "COUNT", "5", "STREAMS", "x:groups", ">");
        add("XREADGROUP", "GROUP", "g1", "bob", "COUNT", "3", "STREAMS", "x:groups", ">");
        add("XACK", "x:groups", "g1", "2-0");
        add("XGROUP", "CREATECONSUMER", "x:groups", "g1", "carol");
        add("XADD", "x:empty", "1-1", "f", "v");
        add("XDEL", "x:empty", "1-1");
        add("XGROUP", "CREATE", "x:empty", "g", "$");
    }

    private static void add(final String... command) {
        SETUP.add(command);
    }

    /** The keys SETUP builds. */
    private static final String[] KEYS = {
        "s:int", "s:neg", "s:big", "s:zero", "s:lead", "s:short", "s:empty", "s:compress", "s:text", "s:random",
        "s:long", "l:small", "l:big", "l:wide", "set:int", "set:str", "set:big", "z:small", "z:big", "z:wide",
        "h:small", "h:big", "h:wide", "x:plain", "x:groups", "x:empty",
    };

    /** XINFO STREAM fields that depend on the node layout, which a restore does not reproduce. */
    private static final Set<String> LAYOUT_FIELDS = Set.of("radix-tree-keys", "radix-tree-nodes");

    private static Path redisExecutable() {
        final Optional<Path> exe = RedisServerProcess.findExecutable();
        if (exe.isEmpty() && !DiffServersExtension.isCi()) {
            Assumptions.abort("redis-server is not on the PATH");
        }
        return exe.orElseThrow();
    }

    @Test
    void shouldRestoreEachOthersPayloads() throws IOException {
        try (RedisServerProcess redis = RedisServerProcess.start(redisExecutable());
             MiniKvServer minikv = MiniKvServer.builder().port(0).workers(1).build().start();
             RawRespClient r = new RawRespClient("127.0.0.1", redis.port());
             RawRespClient m = new RawRespClient(minikv.host(), minikv.port())) {
            for (final String[] command : SETUP) {
                assertThat(r.call(command).isError()).as(String.join(" ", command)).isFalse();
            }
            for (final String key : KEYS) {
                final RespReply fromRedis = r.call("DUMP", key);
                assertThat(fromRedis.isNull()).as(key).isFalse();
                assertThat(m.call(args("RESTORE", key, "0", fromRedis.payload())).text()).as(key).isEqualTo("OK");
                final String expected = contents(r, key);
                assertThat(contents(m, key)).as("%s restored on mini-kv", key).isEqualTo(expected);

                final RespReply fromMiniKv = m.call("DUMP", key);
                if (key.startsWith("s:")) {
                    assertThat(RespEscape.escape(fromMiniKv.payload())).as("%s payload", key)
                        .isEqualTo(RespEscape.escape(fromRedis.payload()));
                }
                final String back = "back:" + key;
                final RespReply restored = r.call(args("RESTORE", back, "0", fromMiniKv.payload()));
                assertThat(restored.text()).as("%s restored on Redis: %s", key, restored).isEqualTo("OK");
                assertThat(contents(r, back)).as("%s restored on Redis", key).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldAnswerAsRedisToBadArguments() throws IOException {
        try (RedisServerProcess redis = RedisServerProcess.start(redisExecutable());
             MiniKvServer minikv = MiniKvServer.builder().port(0).workers(1).build().start();
             RawRespClient r = new RawRespClient("127.0.0.1", redis.port());
             RawRespClient m = new RawRespClient(minikv.host(), minikv.port())) {
            r.call("SET", "k", "v");
            m.call("SET", "k", "v");
            final byte[] payload = r.call("DUMP", "k").payload();
            final byte[] corrupt = payload.clone();
            corrupt[1] ^= 1;
            final byte[] later = payload.clone();
            later[later.length - 10] = 11;
            // A valid footer around a value of an unknown type.
            final byte[] unknown = payload.clone();
            unknown[0] = 6;
            final List<List<byte[]>> commands = List.of(
                args("RESTORE", "k", "0", payload), args("RESTORE", "k", "x", payload),
                args("RESTORE", "new", "-1", payload), args("RESTORE", "new", "x", payload),
                args("RESTORE", "new", "0", corrupt), args("RESTORE", "new", "0", later),
                args("RESTORE", "new", "0", "short".getBytes(StandardCharsets.US_ASCII)),
                args("RESTORE", "new", "0", payload, "IDLETIME", "-1"),
                args("RESTORE", "new", "0", payload, "IDLETIME", "x"),
                args("RESTORE", "new", "0", payload, "FREQ", "256"),
                args("RESTORE", "new", "0", payload, "FREQ", "-1"),
                args("RESTORE", "new", "0", payload, "IDLETIME", "1", "FREQ", "1"),
                args("RESTORE", "new", "0", payload, "FREQ", "1", "IDLETIME", "1"),
                args("RESTORE", "new", "0", payload, "IDLETIME"), args("RESTORE", "new", "0", payload, "BOGUS"),
                args("RESTORE", "new", "0", payload, "FREQ", "5"), args("GET", "new"),
                args("RESTORE", "k", "0", payload, "REPLACE", "IDLETIME", "10"), args("GET", "k"),
                args("RESTORE", "k", "1", payload, "REPLACE", "ABSTTL"), args("EXISTS", "k"),
                args("RESTORE", "gone", "1", payload, "ABSTTL"), args("EXISTS", "gone"),
                args("RESTORE", "ttl", "100000", payload), args("PTTL", "ttl"),
                args("RESTORE", "abs", "99999999999999", payload, "ABSTTL"), args("PEXPIRETIME", "abs"),
                args("RESTORE", "u", "0", unknown), args("DUMP", "missing"), args("DUMP"),
                args("RESTORE", "k", "0"));
            for (final List<byte[]> command : commands) {
                final RespReply expected = r.call(command);
                final RespReply actual = m.call(command);
                final String shown = new String(command.get(0), StandardCharsets.US_ASCII) + " "
                    + new String(command.get(command.size() - 1), StandardCharsets.ISO_8859_1);
                if ("PTTL".equals(new String(command.get(0), StandardCharsets.US_ASCII))) {
                    assertThat(actual.integer()).as(shown).isBetween(expected.integer() - 5000, 100000L);
                    continue;
                }
                assertThat(actual.toString()).as(shown).isEqualTo(expected.toString());
            }
        }
    }

    private static List<byte[]> args(final Object... parts) {
        final List<byte[]> list = new ArrayList<>();
        for (final Object p : parts) {
            list.add(p instanceof byte[] ? (byte[]) p : ((String) p).getBytes(StandardCharsets.UTF_8));
        }
        return list;
    }

    /** A canonical text of a key's contents and TTL, the same on both servers when they hold the same value. */
    private static String contents(final RawRespClient c, final String key) throws IOException {
        final String type = c.call("TYPE", key).text();
        final StringBuilder out = new StringBuilder(type).append(' ').append(c.call("TTL", key)).append('\n');
        switch (type) {
            case "string":
                out.append(c.call("GET", key));
                break;
            case "list":
                out.append(c.call("LRANGE", key, "0", "-1"));
                break;
            case "set":
                out.append(sorted(c.call("SMEMBERS", key)));
                break;
            case "zset":
                out.append(c.call("ZRANGE", key, "0", "-1", "WITHSCORES"));
                break;
            case "hash":
                out.append(sortedPairs(c.call("HGETALL", key)));
                break;
            case "stream":
                streamContents(c, key, out);
                break;
            default:
                throw new AssertionError("unexpected type " + type + " of " + key);
        }
        return out.toString();
    }

    private static void streamContents(final RawRespClient c, final String key, final StringBuilder out)
        throws IOException {
        out.append(c.call("XRANGE", key, "-", "+")).append('\n');
        final List<RespReply> info = c.call("XINFO", "STREAM", key).elements();
        for (int i = 0; i < info.size(); i += 2) {
            if (!LAYOUT_FIELDS.contains(info.get(i).text())) {
                out.append(info.get(i)).append(info.get(i + 1));
            }
        }
        out.append('\n').append(c.call("XINFO", "GROUPS", key)).append('\n');
        for (final RespReply group : c.call("XINFO", "GROUPS", key).elements()) {
            final String name = group.elements().get(1).text();
            out.append(c.call("XPENDING", key, name)).append('\n');
            for (final RespReply p : c.call("XPENDING", key, name, "-", "+", "1000").elements()) {
                // ID, consumer and delivery count; the idle time moves with the clock.
                out.append(p.elements().get(0)).append(p.elements().get(1)).append(p.elements().get(3));
            }
            for (final RespReply consumer : c.call("XINFO", "CONSUMERS", key, name).elements()) {
                out.append(consumer.elements().get(1)).append(consumer.elements().get(3));
            }
            out.append('\n');
        }
    }

    private static String sortedPairs(final RespReply array) {
        final List<RespReply> elements = array.elements();
        final List<String> pairs = new ArrayList<>();
        for (int i = 0; i < elements.size(); i += 2) {
            pairs.add(elements.get(i) + "=" + elements.get(i + 1));
        }
        pairs.sort(null);
        return String.join(",", pairs);
    }

    private static String sorted(final RespReply array) {
        final List<RespReply> elements = array.elements();
        final List<String> items = new ArrayList<>();
        for (final RespReply e : elements) {
            items.add(e.toString());
        }
        final String[] sortedItems = items.toArray(new String[0]);
        Arrays.sort(sortedItems);
        return String.join(",", sortedItems);
    }
}
