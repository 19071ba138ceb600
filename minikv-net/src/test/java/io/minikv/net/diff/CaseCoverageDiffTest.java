package io.minikv.net.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every command the server under test lists in {@code COMMAND LIST} must have differential cases: a command added
 * to the server without a line in some case file fails here. Prints how many lines cover each command.
 */
@ExtendWith(DiffServersExtension.class)
class CaseCoverageDiffTest {

    /** Commands that cannot run against the shared servers, with the reason; they are tested elsewhere. */
    private static final Map<String, String> EXEMPT = Map.of(
        "shutdown", "would stop the servers every other case shares; the server's own tests cover it");

    @Test
    void everySupportedCommandHasCases(final DiffServers servers) throws IOException {
        final Map<String, Integer> lines = new TreeMap<>();
        for (final CaseFileParser.CaseFile f : CaseFiles.load()) {
            for (final CaseLine l : f.lines()) {
                if (l.commandName() != null) {
                    lines.merge(l.commandName(), 1, Integer::sum);
                }
            }
        }
        final Set<String> missing = new TreeSet<>();
        final StringBuilder table = new StringBuilder("differential case lines per supported command:\n");
        int covered = 0;
        for (final String cmd : new TreeSet<>(CaseFiles.commandList(servers.minikv()))) {
            if (cmd.contains("|")) {
                continue;
            }
            final int n = lines.getOrDefault(cmd, 0);
            table.append(String.format("  %-20s %5d%s%n", cmd, n, EXEMPT.containsKey(cmd) ? "  (exempt: "
                + EXEMPT.get(cmd) + ")" : ""));
            if (n == 0 && !EXEMPT.containsKey(cmd)) {
                missing.add(cmd);
            } else {
                covered++;
            }
        }
        table.append(covered).append(" commands covered, ").append(lines.values().stream().mapToInt(i -> i).sum())
            .append(" case lines in all\n");
        System.out.print(table);
        assertTrue(missing.isEmpty(), () -> "commands the server supports without any differential case line "
            + "(add lines to src/test/resources/diff/*.txt): " + missing);
    }
}
