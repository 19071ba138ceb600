package io.minikv.examples;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.minikv.net.MiniKvServer;

import java.time.Duration;

/**
 * mini-kv as a test double for code that uses Lettuce (Spring Boot's default Redis client). Lettuce opens with
 * {@code HELLO 3}; mini-kv answers {@code NOPROTO} and Lettuce continues in RESP2, exactly as with a Redis 5 server.
 */
public final class LettuceTestDouble {
    private LettuceTestDouble() {
    }

    /**
     * Runs the example: a password-protected server on a free port, a Lettuce connection to database 1.
     *
     * @param args unused.
     */
    public static void main(final String[] args) {
        final RedisClient client = RedisClient.create();
        try (MiniKvServer server = MiniKvServer.builder().port(0).requirePassword("secret").build().start();
             StatefulRedisConnection<String, String> connection = client.connect(RedisURI.builder()
                 .withHost(server.host()).withPort(server.port()).withPassword("secret".toCharArray())
                 .withDatabase(1).build())) {
            final RedisCommands<String, String> redis = connection.sync();
            redis.set("user:1:name", "Ada");
            redis.expire("user:1:name", 3600);
            System.out.println("user:1:name = " + redis.get("user:1:name") + ", ttl " + redis.ttl("user:1:name")
                + " s, server " + redis.info("server").lines().filter(l -> l.startsWith("redis_version"))
                .findFirst().orElse("?"));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
