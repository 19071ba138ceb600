package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sorted-set replies byte for byte over raw RESP: score formatting, nil shapes, nested ZMPOP, errors. */
class SortedSetProtocolIT {
    private static MiniKvServer server;
    private RawClient client;

    @BeforeAll
    static void start() {
        server = MiniKvServer.builder().port(0).workers(1).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void connect() throws IOException {
        client = new RawClient(server.host(), server.port());
        client.call("FLUSHALL");
    }

    @Test
    void shouldFormatScoresAsRedis() throws IOException {
        assertThat(client.call("ZADD", "z", "0.1", "a", "1e100", "b", "1.5", "c", "3", "d", "-0", "e", "inf", "f"))
            .isEqualTo(":6\r\n");
        assertThat(client.call("ZSCORE", "z", "a")).isEqualTo("$19\r\n0.10000000000000001\r\n");
        assertThat(client.call("ZSCORE", "z", "b")).isEqualTo("$6\r\n1e+100\r\n");
        assertThat(client.call("ZSCORE", "z", "c")).isEqualTo("$3\r\n1.5\r\n");
        assertThat(client.call("ZSCORE", "z", "d")).isEqualTo("$1\r\n3\r\n");
        assertThat(client.call("ZSCORE", "z", "e")).isEqualTo("$1\r\n0\r\n");
        assertThat(client.call("ZSCORE", "z", "f")).isEqualTo("$3\r\ninf\r\n");
        assertThat(client.call("ZSCORE", "z", "nope")).isEqualTo("$-1\r\n");
        assertThat(client.call("ZINCRBY", "z", "-inf", "f")).isEqualTo("-ERR resulting score is not a number (NaN)\r\n");
        assertThat(client.call("ZADD", "z", "nan", "x")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(client.call("ZADD", "z", "1e400", "x")).isEqualTo("-ERR value is not a valid float\r\n");
    }

    @Test
    void shouldAnswerShapesAndErrors() throws IOException {
        client.call("ZADD", "z", "1", "a", "2", "b");
        assertThat(client.call("ZRANGE", "z", "0", "-1", "WITHSCORES"))
            .isEqualTo("*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n");
        assertThat(client.call("ZMPOP", "2", "nokey", "z", "MIN"))
            .isEqualTo("*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n");
        assertThat(client.call("ZMPOP", "1", "nokey", "MIN")).isEqualTo("*-1\r\n");
        assertThat(client.call("ZRANK", "z", "b", "WITHSCORE")).isEqualTo("*2\r\n:0\r\n$1\r\n2\r\n");
        assertThat(client.call("ZRANK", "z", "x", "WITHSCORE")).isEqualTo("*-1\r\n");
        assertThat(client.call("ZRANK", "z", "x")).isEqualTo("$-1\r\n");
        assertThat(client.call("ZADD", "z", "NX", "XX", "1", "a"))
            .isEqualTo("-ERR XX and NX options at the same time are not compatible\r\n");
        assertThat(client.call("ZADD", "z", "INCR", "1", "a", "2", "b"))
            .isEqualTo("-ERR INCR option supports a single increment-element pair\r\n");
        assertThat(client.call("ZCOUNT", "z", "(a", "2")).isEqualTo("-ERR min or max is not a float\r\n");
        assertThat(client.call("ZLEXCOUNT", "z", "a", "+"))
            .isEqualTo("-ERR min or max not valid string range item\r\n");
        assertThat(client.call("ZRANGE", "z", "0", "-1", "LIMIT", "0", "1")).isEqualTo(
            "-ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX\r\n");
        assertThat(client.call("ZUNIONSTORE", "d", "0", "z"))
            .isEqualTo("-ERR at least 1 input key is needed for 'zunionstore' command\r\n");
        assertThat(client.call("ZADD", "z")).isEqualTo("-ERR wrong number of arguments for 'zadd' command\r\n");
        assertThat(client.call("ZSCAN", "z", "0")).isEqualTo("*2\r\n$1\r\n0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n");
        assertThat(client.call("ZQUERY", "z", "0", "", "0", "3")).isEqualTo("*2\r\n$1\r\nb\r\n$1\r\n2\r\n");
        assertThat(client.call("ZQUERY", "z", "x", "", "0", "3")).isEqualTo("-ERR value is not a valid float\r\n");
    }
}
