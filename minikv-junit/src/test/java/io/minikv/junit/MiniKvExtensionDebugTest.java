package io.minikv.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.RedisClient;

/** DEBUG, refused by default as in Redis 7, enabled through the extension's server options. */
class MiniKvExtensionDebugTest {
    @RegisterExtension
    static final MiniKvExtension REDIS = MiniKvExtension.builder()
        .server(server -> server.enableDebugCommand("yes"))
        .build();

    /** Jedis has no DEBUG command constant. */
    private static final ProtocolCommand DEBUG = () -> "DEBUG".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldRunDebugWhenTheServerOptionsEnableIt() {
        try (RedisClient redis = RedisClient.create(REDIS.host(), REDIS.port())) {
            redis.set("k", "hello");
            final Object reply = redis.sendCommand(DEBUG, "OBJECT", "k");
            assertThat(new String((byte[]) reply, StandardCharsets.UTF_8))
                .startsWith("Value at:0x").contains(" encoding:embstr serializedlength:6 ");
            assertThat(redis.sendCommand(DEBUG, "SET-ACTIVE-EXPIRE", "1"))
                .isEqualTo("OK".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(REDIS.server().enableDebugCommand()).isEqualTo("yes");
    }
}
