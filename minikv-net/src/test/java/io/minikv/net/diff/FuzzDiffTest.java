package io.minikv.net.diff;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Randomized differential fuzzing: seeded random command sequences over a few keys, every reply compared between a
 * real redis-server and mini-kv.
 * <p>
 * {@code -Dminikv.fuzz.commands=N} sets the length (default {@value #DEFAULT_COMMANDS}, a few seconds);
 * {@code -Dminikv.fuzz.seed=S} the master seed ({@code random} for a new one each run; the default is fixed so CI
 * is repeatable); {@code -Dminikv.fuzz.reports=N} goes on after a difference until N distinct ones were found. A
 * failure prints the seed and the shortest reproducing sequence.
 */
@ExtendWith(DiffServersExtension.class)
class FuzzDiffTest {

    static final long DEFAULT_COMMANDS = 20_000;
    static final long DEFAULT_SEED = 20_261_124L;

    @Test
    void randomCommandSequencesMatchRedis(final DiffServers servers) throws IOException {
        final long total = Long.getLong("minikv.fuzz.commands", DEFAULT_COMMANDS);
        final long seed = masterSeed();
        final Set<String> supported = new TreeSet<>(CaseFiles.commandList(servers.minikv()));
        supported.retainAll(CaseFiles.commandList(servers.redis()));
        final Fuzzer fuzzer = new Fuzzer(servers.redis(), servers.minikv(), supported);
        final long started = System.nanoTime();
        final String failure = fuzzer.run(seed, total, Integer.getInteger("minikv.fuzz.reports", 1));
        System.out.printf("fuzz: seed %d, %,d commands in %.1f s over %s%n", seed, fuzzer.commandsRun(),
            (System.nanoTime() - started) / 1e9, fuzzer.counts().keySet());
        if (!fuzzer.knownHits().isEmpty()) {
            System.out.println("fuzz: episodes ended early on known differences: " + fuzzer.knownHits()
                + "; first occurrences: " + fuzzer.knownExamples());
        }
        assertNull(failure, failure);
    }

    static long masterSeed() {
        final String s = System.getProperty("minikv.fuzz.seed");
        if (s == null || s.isBlank()) {
            return DEFAULT_SEED;
        }
        if ("random".equals(s)) {
            return new java.security.SecureRandom().nextLong();
        }
        return Long.parseLong(s);
    }
}
