package io.minikv.net.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs every case file in {@code src/test/resources/diff/} against a real redis-server and the mini-kv server and
 * fails on any reply that differs, listing each differing line with both raw replies.
 */
@ExtendWith(DiffServersExtension.class)
class CommandCasesDiffTest {

    @TestFactory
    List<DynamicTest> caseFiles(final DiffServers servers) {
        return CaseFiles.load().stream().map(file -> dynamicTest(file.name(), () -> {
            final Set<String> supported = CaseFiles.commandList(servers.minikv());
            final Set<String> missing = new TreeSet<>(file.requires());
            missing.removeAll(supported);
            Assumptions.assumeTrue(missing.isEmpty(), () -> {
                final String why = file.name() + " needs commands the server does not have yet: " + missing;
                System.err.println("WARNING: skipping " + why);
                return why;
            });
            final CaseFiles.Report report = CaseFiles.run(servers.redis(), servers.minikv(), file);
            if (report.ignored() > 0) {
                System.out.println(file.name() + ": " + report.ignored() + " lines ignored as known differences");
            }
            assertTrue(report.differences().isEmpty(), () -> report.describe(file.name()));
        })).toList();
    }
}
