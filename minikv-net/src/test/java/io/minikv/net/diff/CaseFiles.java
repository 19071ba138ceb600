package io.minikv.net.diff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads the case files from the test class path ({@code diff/*.txt}) and runs them. Stateless.
 */
final class CaseFiles {

    /** {@code -Dminikv.diff.transcript=true} prints every line with the reference's reply, to review new cases. */
    private static final boolean TRANSCRIPT = Boolean.getBoolean("minikv.diff.transcript");

    private CaseFiles() {
    }

    /** Parses every case file, sorted by name. */
    static List<CaseFileParser.CaseFile> load() {
        final URL dir = CaseFiles.class.getClassLoader().getResource("diff");
        if (dir == null) {
            throw new IllegalStateException("no diff/ directory on the test class path");
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            final List<CaseFileParser.CaseFile> out = new ArrayList<>();
            for (final Path p : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                out.add(CaseFileParser.parse(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
            return out;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The result of running one file. */
    record Report(int lines, int ignored, List<String> differences) {
        String describe(final String file) {
            return file + ": " + differences.size() + " of " + lines + " lines differ (" + ignored
                + " ignored as known differences)\n" + String.join("\n", differences);
        }
    }

    /** Runs a whole file as one sequence against a FLUSHALLed database on both servers. */
    static Report run(final Endpoint reference, final Endpoint subject, final CaseFileParser.CaseFile file)
        throws IOException {
        final List<String> diffs = new ArrayList<>();
        int ignored = 0;
        try (DiffSession session = new DiffSession(reference, subject)) {
            session.reset();
            for (final CaseLine line : file.lines()) {
                if (line.rule().kind() == CompareRule.Kind.IGNORE) {
                    ignored++;
                }
                final String diff = session.run(line);
                if (TRANSCRIPT) {
                    System.out.println(line.where() + "  " + line.source() + "  ->  " + session.lastReply());
                }
                if (diff != null) {
                    diffs.add(line.where() + "  " + line.source() + diff);
                }
            }
        }
        return new Report(file.lines().size(), ignored, diffs);
    }

    /** Returns the command names (lower case) the server at {@code endpoint} lists in {@code COMMAND LIST}. */
    static Set<String> commandList(final Endpoint endpoint) throws IOException {
        try (RawRespClient c = endpoint.connect()) {
            final RespReply list = c.call("COMMAND", "LIST");
            if (!list.isAggregate()) {
                throw new IOException(endpoint + " answered COMMAND LIST with " + list);
            }
            final Set<String> names = new HashSet<>();
            for (final RespReply r : list.elements()) {
                names.add(r.text().toLowerCase(java.util.Locale.ROOT));
            }
            return names;
        }
    }
}
