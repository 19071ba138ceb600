package io.minikv.net.diff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs seeded random command sequences ({@link FuzzGenerator}) against two servers and compares every reply; on a
 * difference it shrinks the sequence with {@link Shrinker} and reports the seed and the shortest sequence found, in
 * case-file syntax so it can be pasted into a case file as a regression. Not thread-safe.
 */
final class Fuzzer {

    /** Commands per episode: each episode starts from FLUSHALL, which keeps a shrink short. */
    static final int EPISODE = 1_000;
    private static final int MAX_SHRINK_RUNS = 2_000;

    private final Endpoint reference;
    private final Endpoint subject;
    private final Set<String> supported;
    private final TreeMap<String, Integer> counts = new TreeMap<>();
    private final TreeMap<String, Integer> knownHits = new TreeMap<>();
    private final TreeMap<String, String> knownExamples = new TreeMap<>();
    private long commandsRun;

    Fuzzer(final Endpoint reference, final Endpoint subject, final Set<String> supported) {
        this.reference = reference;
        this.subject = subject;
        this.supported = supported;
    }

    /**
     * Runs {@code total} commands in episodes derived from {@code masterSeed}, stopping at the first new difference.
     *
     * @return {@code null} when every reply matched, else the failure report
     */
    String run(final long masterSeed, final long total) throws IOException {
        return run(masterSeed, total, 1);
    }

    /**
     * Runs {@code total} commands in episodes derived from {@code masterSeed}. After a new difference the episode
     * ends and the next one starts, until {@code maxReports} differences with distinct shortest sequences were
     * found (one per command and pair of replies): one long run can then list several bugs at once.
     *
     * @return {@code null} when every reply matched, else the failure reports
     */
    String run(final long masterSeed, final long total, final int maxReports) throws IOException {
        final java.util.Map<String, String> reports = new java.util.LinkedHashMap<>();
        final long now = System.currentTimeMillis();
        final int episodes = (int) ((total + EPISODE - 1) / EPISODE);
        try (DiffSession session = new DiffSession(reference, subject)) {
            for (int e = 0; e < episodes; e++) {
                final long seed = FuzzGenerator.episodeSeed(masterSeed, e);
                final FuzzGenerator gen = new FuzzGenerator(seed, supported, now);
                final int length = (int) Math.min(EPISODE, total - (long) e * EPISODE);
                final List<CaseLine> sequence = new ArrayList<>(length);
                session.reset();
                for (int i = 0; i < length; i++) {
                    final CaseLine line = gen.nextMaybePipelined();
                    sequence.add(line);
                    commandsRun += line.replies();
                    counts.merge(line.raw() != null ? "(pipeline)" : line.commandName(), 1, Integer::sum);
                    final String diff = session.run(line);
                    if (diff != null) {
                        final String known = KnownDifferences.explain(session.lastReference(),
                            session.lastSubject());
                        if (known == null) {
                            // One report per symptom: the same command with the same pair of replies.
                            final String symptom = line.commandName() + diff;
                            if (!reports.containsKey(symptom)) {
                                reports.put(symptom, report(masterSeed, e, seed, sequence, line, diff, session));
                            }
                            if (reports.size() >= maxReports) {
                                return String.join("\n", reports.values());
                            }
                        } else {
                            knownHits.merge(known, 1, Integer::sum);
                            knownExamples.putIfAbsent(known, line.source() + diff);
                        }
                        // The servers' states may now differ, so this episode cannot go on.
                        break;
                    }
                }
                if (e % 100 == 99) {
                    System.out.printf("fuzz: %,d commands, %d differences so far%n", commandsRun, reports.size());
                }
            }
        }
        return reports.isEmpty() ? null : String.join("\n", reports.values());
    }

    /** Returns how many commands ran. */
    long commandsRun() {
        return commandsRun;
    }

    /** Returns how many episodes ended early on each known difference. */
    TreeMap<String, Integer> knownHits() {
        return knownHits;
    }

    /** Returns the first occurrence of each known difference, with both replies. */
    TreeMap<String, String> knownExamples() {
        return knownExamples;
    }

    /** Returns how many times each command name was generated. */
    TreeMap<String, Integer> counts() {
        return counts;
    }

    private String report(final long master, final int episode, final long seed, final List<CaseLine> sequence,
                          final CaseLine failing, final String diff, final DiffSession session) {
        // A pipeline is one step for the shrinker; split into its commands it can shrink further, if the
        // difference does not need the pipelining itself.
        final List<CaseLine> expanded = expand(sequence);
        final List<CaseLine> start = expanded.size() > sequence.size() && differs(session, expanded) ? expanded
            : sequence;
        final List<CaseLine> shortest = Shrinker.shrink(start, candidate -> differs(session, candidate),
            MAX_SHRINK_RUNS);
        final StringBuilder sb = new StringBuilder();
        sb.append("fuzz difference: master seed ").append(master).append(" (-Dminikv.fuzz.seed=").append(master)
            .append("), episode ").append(episode).append(" (seed ").append(seed).append("), command ")
            .append(sequence.size()).append(": ").append(failing.source()).append(diff)
            .append("\nshortest reproducing sequence (").append(shortest.size()).append(" of ")
            .append(sequence.size()).append(" commands, from FLUSHALL; case-file syntax):\n");
        for (final CaseLine l : shortest) {
            sb.append("    ").append(l.source()).append(marker(l.rule())).append('\n');
        }
        try {
            session.reset();
            for (final CaseLine l : shortest) {
                final String d = session.run(l);
                if (d != null) {
                    sb.append("replies of the last differing command:").append(d).append('\n');
                }
            }
        } catch (final IOException e) {
            sb.append("(replaying the shortest sequence failed: ").append(e).append(")\n");
        }
        return sb.toString();
    }

    /** Replaces each generated pipeline by its commands, one line each. */
    static List<CaseLine> expand(final List<CaseLine> sequence) {
        final List<CaseLine> out = new ArrayList<>(sequence.size());
        for (final CaseLine l : sequence) {
            if (l.raw() == null) {
                out.add(l);
                continue;
            }
            try {
                final RespReader reader = new RespReader(new java.io.ByteArrayInputStream(l.raw()));
                for (int i = 0; i < l.replies(); i++) {
                    final List<byte[]> args = new ArrayList<>();
                    for (final RespReply a : reader.read().elements()) {
                        args.add(a.payload());
                    }
                    out.add(new CaseLine(l.file(), l.lineNo(), RespEscape.command(args), List.copyOf(args), null,
                        l.rule(), 1, false, false, null, null));
                }
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static String marker(final CompareRule rule) {
        return switch (rule.kind()) {
            case EXACT -> "";
            case UNORDERED -> " !unordered";
            case SHAPE -> " !shape";
            case SCAN_ALL -> " !scanall";
            case IGNORE -> " !ignore";
            case TOLERANCE -> rule.equals(CompareRule.TTL) ? " !ttl" : rule.equals(CompareRule.PTTL) ? " !pttl"
                : " !approx=" + rule.tolerance();
        };
    }

    private static boolean differs(final DiffSession session, final List<CaseLine> candidate) {
        try {
            session.reset();
            for (final CaseLine l : candidate) {
                if (session.run(l) != null) {
                    return KnownDifferences.explain(session.lastReference(), session.lastSubject()) == null;
                }
            }
            return false;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
