package io.minikv.net.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The harness's control experiment: every case file run against two independent redis-servers must show no
 * difference, lines marked {@code !ignore} included. A failure here means a case is nondeterministic (it needs a
 * marker such as {@code !unordered} or {@code !ttl}) or the harness itself is wrong, not that mini-kv is.
 */
@ExtendWith(DiffServersExtension.class)
class HarnessSelfDiffTest {

    @TestFactory
    List<DynamicTest> redisAgainstRedis(final DiffServers servers) {
        return CaseFiles.load().stream().map(file -> dynamicTest(file.name(), () -> {
            final Endpoint twin = servers.redisTwin();
            final CaseFileParser.CaseFile strict = new CaseFileParser.CaseFile(file.name(),
                file.lines().stream().filter(l -> !l.skipRedis()).map(HarnessSelfDiffTest::unignore).toList(),
                file.requires());
            final CaseFiles.Report report = CaseFiles.run(servers.redis(), twin, strict);
            assertTrue(report.differences().isEmpty(), () -> report.describe(file.name()));
        })).toList();
    }

    @Test
    void fuzzRedisAgainstRedis(final DiffServers servers) throws IOException {
        final Set<String> all = CaseFiles.commandList(servers.redis());
        final Fuzzer fuzzer = new Fuzzer(servers.redis(), servers.redisTwin(), all);
        final String failure = fuzzer.run(FuzzDiffTest.masterSeed(), 5_000);
        assertNull(failure, failure);
    }

    /**
     * The harness must be able to fail: two servers holding different data must be reported, with both replies.
     */
    @Test
    void reportsADifference(final DiffServers servers) throws IOException {
        try (DiffSession session = new DiffSession(servers.redis(), servers.redisTwin());
             RawRespClient twin = servers.redisTwin().connect()) {
            session.reset();
            assertEquals("+OK\\r\\n", twin.call("SET", "only-here", "x\0").toString());
            final CaseLine get = CaseFileParser.parseLine("t", 1, "GET only-here", "");
            final String diff = session.run(get);
            assertEquals("\n    redis " + servers.redisVersion() + ": $-1\\r\\n\n    redis-twin: $2\\r\\nx\\x00\\r\\n",
                diff);
            assertNull(session.run(CaseFileParser.parseLine("t", 2, "GET absent", "")));
        }
    }

    /** An ignored line still has to give replies of the same shape on two Redis servers. */
    private static CaseLine unignore(final CaseLine l) {
        if (l.rule().kind() != CompareRule.Kind.IGNORE) {
            return l;
        }
        return new CaseLine(l.file(), l.lineNo(), l.source(), l.args(), l.raw(), CompareRule.SHAPE, l.replies(),
            l.closes(), false, l.expect(), l.reason());
    }
}
