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
 * Which commands a server over its memory limit refuses, against a real redis-server: both are pushed over the limit
 * with {@code CONFIG SET maxmemory 1} (any data exceeds one byte, so byte counts do not matter), then run the same
 * commands and must answer with the same bytes. This pins Redis's {@code processCommand} rule under
 * {@code noeviction}: {@code denyoom} commands (SET, SADD, HSET, RPUSH, ZADD, the STOREs, COPY, LMOVE...) are
 * refused with the OOM error, reads and shrinking writes (DEL, the pops, SREM, SMOVE, EXPIRE, RENAME, MOVE) run, anything
 * queued inside MULTI is refused, and EXEC of a transaction that queued a {@code denyoom} command is aborted.
 * <p>
 * Starts its own redis-server and mini-kv server (the shared ones must not be left with a limit).
 */
class MaxmemoryDiffTest {
    private static final String[][] SETUP = {
        {"SET", "s", "v"}, {"SADD", "set", "a", "b", "c"}, {"HSET", "h", "f", "v", "n", "1"},
        {"RPUSH", "l", "a", "b", "c", "d"}, {"ZADD", "z", "1", "a", "2", "b", "3", "c"}, {"SET", "n", "1"},
        {"XADD", "x", "1-1", "f", "v"}, {"XADD", "x", "2-1", "f", "v"}, {"XADD", "x", "3-1", "f", "v"},
    };

    private static final String[][] OVER_LIMIT = {
        // denyoom: refused before anything else is looked at but arity (SADD z x gets OOM, not WRONGTYPE).
        {"SADD", "set", "d"}, {"SADD", "set"}, {"SADD", "fresh", "x"}, {"HSET", "h", "g", "v"}, {"HSETNX", "h", "g", "v"},
        {"HINCRBY", "h", "n", "1"}, {"HINCRBYFLOAT", "h", "n", "1"}, {"RPUSH", "l", "e"}, {"LPUSH", "l", "e"},
        {"RPUSHX", "l", "e"}, {"LINSERT", "l", "BEFORE", "a", "x"}, {"LSET", "l", "0", "x"},
        {"LMOVE", "l", "l2", "LEFT", "LEFT"}, {"RPOPLPUSH", "l", "l2"}, {"ZADD", "z", "4", "d"},
        {"ZINCRBY", "z", "1", "a"}, {"ZUNIONSTORE", "zu", "1", "z"}, {"ZRANGESTORE", "zr", "z", "0", "-1"},
        {"SUNIONSTORE", "su", "set"}, {"SINTERSTORE", "si", "set"},
        {"COPY", "set", "set3"}, {"SET", "s", "x"}, {"APPEND", "s", "x"}, {"INCR", "n"}, {"SETNX", "s2", "x"},
        {"MSET", "a", "1"}, {"GETSET", "s", "y"},
        {"SADD", "z", "x"},
        // Scripts: EVAL itself runs; inside it a denyoom command is refused until the script has written.
        {"EVAL", "return redis.call('set', 's', 'x')", "0"}, {"EVAL", "return redis.pcall('sadd', 'set', 'q')", "0"},
        {"EVAL", "return redis.call('get', 's')", "0"}, {"EVAL_RO", "return redis.call('scard', 'set')", "0"},
        {"EVAL", "redis.call('del', 'nokey') return redis.call('incr', 'n')", "0"},
        // Everything else runs.
        {"GET", "s"}, {"SCARD", "set"}, {"SISMEMBER", "set", "a"}, {"HGET", "h", "f"}, {"LRANGE", "l", "0", "-1"},
        {"ZRANGE", "z", "0", "-1", "WITHSCORES"}, {"EXISTS", "s", "set", "h", "l", "z"}, {"TYPE", "z"},
        {"EXPIRE", "s", "100"}, {"PERSIST", "s"}, {"TTL", "s"}, {"SREM", "set", "a"}, {"HDEL", "h", "f"},
        {"LPOP", "l"}, {"SMOVE", "set", "set2", "b"}, {"RPOP", "l", "2"}, {"LTRIM", "l", "0", "0"}, {"LREM", "l", "0", "b"}, {"ZREM", "z", "a"},
        {"ZPOPMIN", "z"}, {"ZREMRANGEBYRANK", "z", "0", "0"}, {"SPOP", "nokey"}, {"RENAME", "h", "h2"},
        {"MOVE", "h2", "1"}, {"DEL", "s", "z"}, {"DBSIZE"}, {"PING"},
        // Bitmaps: SETBIT, BITOP and BITFIELD (even with GETs only) are denyoom; the reads and BITFIELD_RO run.
        {"SETBIT", "n", "0", "1"}, {"SETBIT", "fresh", "0", "1"}, {"BITOP", "OR", "bo", "n"},
        {"BITFIELD", "n", "SET", "u8", "0", "1"}, {"BITFIELD", "n", "GET", "u8", "0"}, {"GETBIT", "n", "2"},
        {"BITCOUNT", "n"}, {"BITPOS", "n", "1"}, {"BITFIELD_RO", "n", "GET", "u8", "0"},
        // HyperLogLogs: PFADD, PFMERGE and PFDEBUG are denyoom; PFCOUNT (read-only, though it may cache) runs.
        {"PFADD", "hll", "a"}, {"PFMERGE", "hll2", "nokey"}, {"PFCOUNT", "nokey"}, {"PFCOUNT", "nokey", "nokey2"},
        {"PFDEBUG", "ENCODING", "nokey"},
        // Streams: XADD and XSETID are denyoom (XADD even with NOMKSTREAM on a missing key); XDEL, XTRIM and reads run.
        {"XADD", "x", "9-1", "f", "v"}, {"XADD", "nox", "NOMKSTREAM", "9-1", "f", "v"}, {"XSETID", "x", "9-9"},
        {"XDEL", "x", "1-1"}, {"XTRIM", "x", "MAXLEN", "1"}, {"XLEN", "x"}, {"XRANGE", "x", "-", "+"},
        {"XREAD", "STREAMS", "x", "0"}, {"XINFO", "STREAM", "x"},
        // Inside MULTI every command but EXEC, DISCARD, QUIT and RESET is refused.
        {"MULTI"}, {"GET", "n"}, {"DEL", "n"}, {"EXEC"},
        {"MULTI"}, {"DISCARD"},
        {"MULTI"}, {"EXEC"},
        // Lifting the limit lets writes through again.
        {"CONFIG", "SET", "maxmemory", "0"}, {"SADD", "set", "d"}, {"SET", "s", "again"}, {"GET", "s"},
    };

    /** The redis-server to compare with; the test is skipped without one, except on CI, where it fails. */
    private static Path redisExecutable() {
        final Optional<Path> exe = RedisServerProcess.findExecutable();
        if (exe.isEmpty() && !DiffServersExtension.isCi()) {
            Assumptions.abort("redis-server is not on the PATH");
        }
        return exe.orElseThrow();
    }

    @Test
    void shouldRefuseTheSameCommandsAsRedisOverTheLimit() throws IOException {
        try (RedisServerProcess redis = RedisServerProcess.start(redisExecutable());
             MiniKvServer minikv = MiniKvServer.builder().port(0).workers(1).build().start();
             RawRespClient r = new RawRespClient("127.0.0.1", redis.port());
             RawRespClient m = new RawRespClient(minikv.host(), minikv.port());
             RawRespClient r2 = new RawRespClient("127.0.0.1", redis.port());
             RawRespClient m2 = new RawRespClient(minikv.host(), minikv.port())) {
            final List<String> differences = new ArrayList<>();
            for (final String[] command : SETUP) {
                compare(r, m, command, differences);
            }
            // A transaction that queued a denyoom command while under the limit: its EXEC is aborted once over it.
            compare(r2, m2, new String[] {"MULTI"}, differences);
            compare(r2, m2, new String[] {"SADD", "set", "queued"}, differences);
            compare(r2, m2, new String[] {"GET", "s"}, differences);
            compare(r, m, new String[] {"CONFIG", "SET", "maxmemory", "1"}, differences);
            compare(r2, m2, new String[] {"EXEC"}, differences);
            compare(r2, m2, new String[] {"SISMEMBER", "set", "queued"}, differences);
            for (final String[] command : OVER_LIMIT) {
                compare(r, m, command, differences);
            }
            assertThat(differences).isEmpty();
        }
    }

    /**
     * EXEC is checked when it starts, not its commands: a transaction admitted under the limit runs to the end even
     * when its first command passes the limit, and the next denyoom command is refused. The limit is set just above
     * each server's own figure (Redis's used_memory, mini-kv's allocator_allocated), so byte counts do not matter.
     */
    @Test
    void shouldRunAnAdmittedTransactionToTheEndOverTheLimit() throws IOException {
        try (RedisServerProcess redis = RedisServerProcess.start(redisExecutable());
             MiniKvServer minikv = MiniKvServer.builder().port(0).workers(1).build().start();
             RawRespClient r = new RawRespClient("127.0.0.1", redis.port());
             RawRespClient m = new RawRespClient(minikv.host(), minikv.port())) {
            final List<String> differences = new ArrayList<>();
            for (int i = 0; i < 5000; i += 500) {
                final String[] sadd = new String[502];
                sadd[0] = "SADD";
                sadd[1] = "src";
                for (int j = 0; j < 500; j++) {
                    sadd[j + 2] = "member:" + (i + j);
                }
                compare(r, m, sadd, differences);
            }
            // A copy of 5000 members takes well over 100 KB in both.
            r.call("CONFIG", "SET", "maxmemory", Long.toString(figure(r, "used_memory") + 100_000));
            m.call("CONFIG", "SET", "maxmemory", Long.toString(figure(m, "allocator_allocated") + 100_000));
            compare(r, m, new String[] {"MULTI"}, differences);
            compare(r, m, new String[] {"SUNIONSTORE", "d1", "src"}, differences);
            compare(r, m, new String[] {"SUNIONSTORE", "d2", "src"}, differences);
            compare(r, m, new String[] {"SADD", "d3", "x"}, differences);
            compare(r, m, new String[] {"EXEC"}, differences);
            compare(r, m, new String[] {"SCARD", "d2"}, differences);
            compare(r, m, new String[] {"SADD", "d4", "x"}, differences);
            compare(r, m, new String[] {"MULTI"}, differences);
            compare(r, m, new String[] {"SADD", "d4", "x"}, differences);
            compare(r, m, new String[] {"EXEC"}, differences);
            compare(r, m, new String[] {"CONFIG", "SET", "maxmemory", "0"}, differences);
            assertThat(differences).isEmpty();
        }
    }

    private static long figure(final RawRespClient client, final String field) throws IOException {
        for (final String line : client.call("INFO", "memory").utf8().split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1));
            }
        }
        throw new AssertionError("no " + field + " in INFO memory");
    }

    private static void compare(final RawRespClient redis, final RawRespClient minikv, final String[] command,
        final List<String> differences) throws IOException {
        final RespReply expected = redis.call(command);
        final RespReply actual = minikv.call(command);
        if (!expected.sameBytes(actual)) {
            differences.add(String.join(" ", command) + ": redis " + expected + " mini-kv " + actual);
        }
    }
}
