package io.minikv.examples;

import io.minikv.net.MiniKvServer;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * mini-kv as a test double for code that uses Jedis: start an in-process server on a free port (milliseconds), point
 * the code under test at it, assert, close. No Docker, no external redis-server.
 * <p>
 * In a JUnit 5 test, {@code minikv-junit}'s {@code MiniKvExtension} starts and stops the server and can drive TTLs with
 * a test clock ({@code RateLimiterTest} in this module's tests); elsewhere, a try-with-resources block as below.
 */
public final class JedisTestDouble {
    private JedisTestDouble() {
    }

    /** The "production" code under test: a tiny rate limiter on top of Redis INCR and EXPIRE. */
    static final class RateLimiter {
        private final RedisClient redis;
        private final int limit;

        RateLimiter(final RedisClient redis, final int limit) {
            this.redis = redis;
            this.limit = limit;
        }

        boolean allow(final String user) {
            final String key = "rate:" + user;
            final long count = redis.incr(key);
            if (count == 1) {
                redis.expire(key, 60);
            }
            return count <= limit;
        }
    }

    /**
     * Runs the example: exercises the rate limiter against mini-kv and prints the outcome.
     *
     * @param args unused.
     */
    public static void main(final String[] args) {
        try (MiniKvServer server = MiniKvServer.builder().port(0).build().start();
             RedisClient redis = RedisClient.create(server.host(), server.port())) {
            final RateLimiter limiter = new RateLimiter(redis, 3);
            int allowed = 0;
            for (int i = 0; i < 5; i++) {
                if (limiter.allow("bob")) {
                    allowed++;
                }
            }
            redis.set("cache:home", "<html/>", SetParams.setParams().nx().px(30_000));
            System.out.println("allowed " + allowed + " of 5 requests; ttl of rate:bob = " + redis.ttl("rate:bob")
                + " s; cached page = " + redis.get("cache:home"));
            if (allowed != 3) {
                throw new IllegalStateException("the rate limiter let " + allowed + " requests through");
            }
        }
    }
}
