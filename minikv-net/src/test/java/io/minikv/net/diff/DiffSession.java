package io.minikv.net.diff;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Runs case lines against the reference server and the server under test, one connection to each, and reports
 * where their replies differ.
 * <p>
 * {@link #reset()} opens fresh connections and FLUSHALLs both servers, so every sequence starts from the same empty
 * state. A line after which a server closed the connection (QUIT, protocol errors) is followed by new connections
 * to both, keeping the data. Not thread-safe.
 */
final class DiffSession implements AutoCloseable {

    private static final int CLOSE_WAIT_MS = 3_000;
    private static final int MAX_SCAN_CALLS = 100_000;

    private final Endpoint reference;
    private final Endpoint subject;
    private RawRespClient ref;
    private RawRespClient sub;
    private String lastReply = "";
    private Outcome lastReference;
    private Outcome lastSubject;

    DiffSession(final Endpoint reference, final Endpoint subject) {
        this.reference = reference;
        this.subject = subject;
    }

    Endpoint reference() {
        return reference;
    }

    Endpoint subject() {
        return subject;
    }

    /** Opens new connections to both servers and empties every database on both. */
    void reset() throws IOException {
        reconnect();
        for (final RawRespClient c : List.of(ref, sub)) {
            final RespReply ok = c.call("FLUSHALL");
            if (!"OK".equals(ok.text())) {
                throw new IOException("FLUSHALL failed on port " + c.port() + ": " + ok);
            }
        }
    }

    private void reconnect() throws IOException {
        closeQuietly();
        ref = reference.connect();
        sub = subject.connect();
    }

    /** What one server did for one line: its replies, then possibly a note ("connection closed", a timeout). */
    record Outcome(List<RespReply> replies, String note) {
        String describe() {
            final StringBuilder sb = new StringBuilder();
            for (final RespReply r : replies) {
                sb.append(RespEscape.escape(r.raw(), 2000));
            }
            if (note != null) {
                sb.append(sb.length() == 0 ? "" : " ").append('<').append(note).append('>');
            }
            return sb.toString();
        }

        boolean lostConnection() {
            return note != null;
        }
    }

    /**
     * Runs one line on both servers (or the subject only, for {@code !skip-redis}).
     *
     * @return a description of the difference, or {@code null} when the replies match
     */
    String run(final CaseLine line) throws IOException {
        final Outcome sOut = execute(sub, line);
        final Outcome rOut = line.skipRedis() ? null : execute(ref, line);
        final String diff = compare(line, rOut, sOut);
        lastReply = (rOut != null ? rOut : sOut).describe();
        lastReference = rOut;
        lastSubject = sOut;
        if ((rOut != null && rOut.lostConnection()) || sOut.lostConnection() || line.closes()) {
            reconnect();
        }
        return diff;
    }

    /** Returns the reference's reply to the last line (the subject's for {@code !skip-redis}), escaped. */
    String lastReply() {
        return lastReply;
    }

    /** Returns what the reference did for the last line ({@code null} for {@code !skip-redis}). */
    Outcome lastReference() {
        return lastReference;
    }

    /** Returns what the server under test did for the last line. */
    Outcome lastSubject() {
        return lastSubject;
    }

    private String compare(final CaseLine line, final Outcome r, final Outcome s) {
        final StringBuilder problems = new StringBuilder();
        if (line.expect() != null) {
            checkExpect(line.expect(), subject.name(), s, problems);
            if (r != null) {
                checkExpect(line.expect(), reference.name(), r, problems);
            }
        }
        if (r != null && line.rule().kind() != CompareRule.Kind.IGNORE && !same(line.rule(), r, s)) {
            problems.append("\n    ").append(reference.name()).append(": ").append(r.describe())
                .append("\n    ").append(subject.name()).append(": ").append(s.describe());
        }
        return problems.length() == 0 ? null : problems.toString();
    }

    private static void checkExpect(final byte[] expect, final String who, final Outcome o,
                                    final StringBuilder problems) {
        final java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        o.replies().forEach(x -> all.writeBytes(x.raw()));
        if (o.note() != null || !Arrays.equals(expect, all.toByteArray())) {
            problems.append("\n    expected: ").append(RespEscape.escape(expect))
                .append("\n    ").append(who).append(": ").append(o.describe());
        }
    }

    private static boolean same(final CompareRule rule, final Outcome r, final Outcome s) {
        if (r.replies().size() != s.replies().size() || !java.util.Objects.equals(r.note(), s.note())) {
            return false;
        }
        for (int i = 0; i < r.replies().size(); i++) {
            if (!ReplyComparator.matches(rule, r.replies().get(i), s.replies().get(i))) {
                return false;
            }
        }
        return true;
    }

    private Outcome execute(final RawRespClient client, final CaseLine line) {
        final List<RespReply> replies = new ArrayList<>(1);
        try {
            if (line.rule().kind() == CompareRule.Kind.SCAN_ALL) {
                return scanAll(client, line);
            }
            client.sendRaw(line.raw() != null ? line.raw() : RespReply.encodeCommand(line.args()));
            for (int i = 0; i < line.replies(); i++) {
                replies.add(client.read());
            }
            if (line.closes()) {
                return new Outcome(replies, client.awaitClosed(CLOSE_WAIT_MS) ? "connection closed"
                    : "connection still open");
            }
            return new Outcome(replies, null);
        } catch (final EOFException e) {
            return new Outcome(replies, "connection closed");
        } catch (final IOException e) {
            return new Outcome(replies, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Follows a SCAN-family cursor to 0. The outcome is the first error reply if any, otherwise one synthetic
     * reply: the sorted set of items returned over the whole iteration (an item is one key, or a member/score or
     * field/value pair for ZSCAN and HSCAN), so servers with different cursors and batch sizes compare equal.
     */
    private static Outcome scanAll(final RawRespClient client, final CaseLine line) throws IOException {
        final String cmd = line.commandName();
        final int cursorAt = "scan".equals(cmd) ? 1 : 2;
        final int group = "zscan".equals(cmd) || "hscan".equals(cmd) ? 2 : 1;
        final List<byte[]> args = new ArrayList<>(line.args());
        final TreeSet<String> items = new TreeSet<>();
        for (int calls = 0; calls < MAX_SCAN_CALLS; calls++) {
            final RespReply reply = client.call(args);
            if (!reply.isAggregate() || reply.elements().size() != 2 || !reply.elements().get(1).isAggregate()) {
                return new Outcome(List.of(reply), null);
            }
            final List<RespReply> batch = reply.elements().get(1).elements();
            for (int i = 0; i + group <= batch.size(); i += group) {
                final StringBuilder item = new StringBuilder();
                for (int j = 0; j < group; j++) {
                    item.append(j == 0 ? "" : " = ").append(RespEscape.escape(batch.get(i + j).raw()));
                }
                items.add(item.toString());
            }
            final byte[] cursor = reply.elements().get(0).payload();
            if (cursor != null && Arrays.equals(cursor, new byte[] {'0'})) {
                final List<byte[]> all = new ArrayList<>();
                for (final String item : items) {
                    all.add(item.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                }
                final byte[] raw = RespReply.encodeCommand(all);
                return new Outcome(List.of(new RespReader(new java.io.ByteArrayInputStream(raw)).read()), null);
            }
            args.set(cursorAt, cursor);
        }
        return new Outcome(List.of(), "SCAN did not finish within " + MAX_SCAN_CALLS + " calls ("
            + cmd.toUpperCase(Locale.ROOT) + ")");
    }

    private void closeQuietly() {
        for (final RawRespClient c : Arrays.asList(ref, sub)) {
            if (c != null) {
                try {
                    c.close();
                } catch (final IOException ignored) {
                    // Closing a socket the server already closed.
                }
            }
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
