package io.minikv.net.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Regenerates {@code docs/COMMANDS.md} from the running servers and fails when the committed file differs.
 * {@code -Dminikv.commands.write=true} writes the new file instead.
 */
@ExtendWith(DiffServersExtension.class)
class CommandsDocDiffTest {

    @Test
    void commandsMdIsUpToDate(final DiffServers servers) throws IOException {
        final List<CommandsDoc.Command> redis = CommandsDoc.redisCommands(servers.redis());
        final Set<String> supported = CaseFiles.commandList(servers.minikv());
        final List<String> extra = new ArrayList<>();
        for (final String name : new TreeSet<>(supported)) {
            if (!name.contains("|") && redis.stream().noneMatch(c -> c.name().equals(name))) {
                extra.add(name);
            }
        }
        final String generated = CommandsDoc.render(servers.redisVersion(), redis, supported,
            extra.isEmpty() ? List.of() : CommandsDoc.docs(servers.minikv(), extra));
        final Path file = projectRoot().resolve("docs").resolve("COMMANDS.md");
        if (Boolean.getBoolean("minikv.commands.write")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated, StandardCharsets.UTF_8);
            System.out.println("wrote " + file);
            return;
        }
        final String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        assertEquals(generated, committed, "docs/COMMANDS.md is stale; regenerate it with:\n  "
            + CommandsDoc.REGENERATE);
    }

    /** The repository root: the parent of the module directory surefire runs in. */
    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("minikv-net"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the project root from " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
