package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * A server with a small {@code --maxmemory}: looping SADD, HSET, RPUSH or ZADD on one key ends with Redis's OOM
 * error instead of exhausting the heap, reads and DEL keep working, and deleting the key makes room again.
 */
class CollectionMemoryIT {
    private static final String OOM = "-OOM command not allowed when used memory > 'maxmemory'.\r\n";
    private static final long LIMIT = 1024 * 1024;
    private static final Pattern USED = Pattern.compile("used_memory:(\\d+)\r\n");

    private interface Writer {
        String[] command(int i);
    }

    private static long usedMemory(final RawClient client) throws IOException {
        final Matcher m = USED.matcher(client.call("INFO", "memory"));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Writes until the first error; returns how many writes succeeded. */
    private static int fill(final RawClient client, final Writer writer, final String success) throws IOException {
        for (int i = 0; i < 1_000_000; i++) {
            final String reply = client.call(writer.command(i));
            if (!reply.matches(success)) {
                assertThat(reply).isEqualTo(OOM);
                return i;
            }
        }
        throw new AssertionError("no OOM after a million writes");
    }

    private static void shouldStopGrowingAt(final Writer writer, final String success, final String length,
        final String[] read) throws IOException {
        try (MiniKvServer server = MiniKvServer.builder().port(0).workers(1).maxMemoryBytes(LIMIT).build().start();
             RawClient client = new RawClient(server.host(), server.port())) {
            assertThat(client.call("SET", "plain", "value")).isEqualTo("+OK\r\n");
            final long empty = usedMemory(client);
            final int written = fill(client, writer, success);
            // The estimate is conservative: a 1 MB limit holds thousands of small elements, not millions.
            assertThat(written).isBetween(1000, 40_000);
            final long used = usedMemory(client);
            // The limit is checked against allocator_allocated (arena chunks whole); used_memory counts live bytes.
            assertThat(used).isGreaterThan(LIMIT * 9 / 10).isLessThan(LIMIT + LIMIT / 4);
            assertThat(client.call(writer.command(written))).isEqualTo(OOM);
            assertThat(client.call("SET", "plain", "other")).isEqualTo(OOM);
            final String size = client.call(length.split(" "));
            assertThat(size).startsWith(":");
            assertThat(Long.parseLong(size.substring(1).trim())).isPositive();
            assertThat(client.call(read)).doesNotStartWith("-");
            assertThat(client.call("GET", "plain")).isEqualTo("$5\r\nvalue\r\n");
            assertThat(client.call("DEL", "c")).isEqualTo(":1\r\n");
            assertThat(usedMemory(client)).isLessThan(empty + LIMIT / 10);
            assertThat(client.call(writer.command(0))).matches(success);
            assertThat(client.call("SET", "plain", "other")).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void shouldRefuseSaddOverTheLimit() throws IOException {
        shouldStopGrowingAt(i -> new String[] {"SADD", "c", "member:" + i, "other:" + i}, ":2\r\n",
            "SCARD c", new String[] {"SISMEMBER", "c", "member:0"});
    }

    @Test
    void shouldRefuseHsetOverTheLimit() throws IOException {
        shouldStopGrowingAt(i -> new String[] {"HSET", "c", "field:" + i, "value:" + i}, ":1\r\n",
            "HLEN c", new String[] {"HGET", "c", "field:0"});
    }

    @Test
    void shouldRefuseRpushOverTheLimit() throws IOException {
        shouldStopGrowingAt(i -> new String[] {"RPUSH", "c", "element:" + i}, ":\\d+\r\n",
            "LLEN c", new String[] {"LRANGE", "c", "0", "3"});
    }

    @Test
    void shouldRefuseZaddOverTheLimit() throws IOException {
        shouldStopGrowingAt(i -> new String[] {"ZADD", "c", Integer.toString(i), "member:" + i}, ":1\r\n",
            "ZCARD c", new String[] {"ZRANGE", "c", "0", "3", "WITHSCORES"});
    }

    @Test
    void shouldLetPopsAndRemovalsFreeMemoryOverTheLimit() throws IOException {
        try (MiniKvServer server = MiniKvServer.builder().port(0).workers(1).maxMemoryBytes(LIMIT).build().start();
             RawClient client = new RawClient(server.host(), server.port())) {
            fill(client, i -> new String[] {"RPUSH", "c", "element:" + i}, ":\\d+\r\n");
            final long full = usedMemory(client);
            assertThat(client.call("LPOP", "c", "5000")).startsWith("*5000\r\n");
            assertThat(usedMemory(client)).isLessThan(full);
            assertThat(client.call("RPUSH", "c", "again")).startsWith(":");
        }
    }
}
