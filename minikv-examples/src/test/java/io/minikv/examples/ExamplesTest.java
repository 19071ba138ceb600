package io.minikv.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs each example's main method and checks what it printed, so the README's examples keep working. */
class ExamplesTest {

    private static String run(final Runnable example) {
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            example.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRunTheEmbeddedQuickStart() {
        assertThat(run(() -> EmbeddedQuickStart.main(new String[0])))
            .contains("greeting = hello").contains("session:42 ttl = 1800 s").contains("visits = 1")
            .contains("published to 1 subscriber, received: mini-kv speaks pub/sub")
            .contains("serving the store on 127.0.0.1:");
    }

    @Test
    void shouldRunTheJedisTestDouble() {
        assertThat(run(() -> JedisTestDouble.main(new String[0])))
            .contains("allowed 3 of 5 requests").contains("cached page = <html/>");
    }

    @Test
    void shouldRunTheLettuceTestDouble() {
        assertThat(run(() -> LettuceTestDouble.main(new String[0])))
            .contains("user:1:name = Ada, ttl 3600 s").contains("redis_version:7.0.15");
    }
}
