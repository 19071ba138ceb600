package io.minikv.net.command;

import io.minikv.net.resp.CommandArgs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clients in MONITOR mode and the feed of executed commands to them, as Redis's {@code server.monitors} and
 * {@code replicationFeedMonitors}.
 * <p>
 * Each command a monitor is shown becomes one line, {@code +<seconds>.<micros> [<db> <peer>] "arg" ...}, with the
 * arguments quoted as Redis's {@code sdscatrepr} and passwords redacted, formatted once and queued to every monitor
 * through its pub/sub delivery queue: the monitor's own event loop writes it, under the pub/sub output limits.
 * <p>
 * Thread-safe: clients enter and leave on their event loops; commands are fed from every loop and the scripting
 * thread. {@link #active} is one volatile read, so the dispatcher pays nothing while nobody monitors.
 */
final class Monitors {
    /** What Redis shows instead of a password. */
    static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HELLO = Keywords.k("HELLO");
    private static final byte[] ACL = Keywords.k("ACL");
    private static final byte[] SETUSER = Keywords.k("SETUSER");
    private static final byte[] MIGRATE = Keywords.k("MIGRATE");

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();

    /**
     * Tells whether any client monitors.
     *
     * @return true when a command must be fed.
     */
    boolean active() {
        return count.get() > 0;
    }

    /**
     * Adds a client (its pub/sub state must exist: the lines travel through its queue).
     *
     * @param client the client entering MONITOR mode.
     */
    void add(final Client client) {
        if (clients.add(client)) {
            count.incrementAndGet();
        }
    }

    /**
     * Removes a client: RESET, or its connection closed.
     *
     * @param client the client leaving MONITOR mode.
     */
    void remove(final Client client) {
        if (clients.remove(client)) {
            count.decrementAndGet();
        }
    }

    /**
     * Shows a command to every monitor.
     *
     * @param client the client that ran it (a script's client shows as {@code lua}).
     * @param args the command.
     */
    void feed(final Client client, final CommandArgs args) {
        final byte[] line = line(Instant.now(), client.dbIndex(), client.address(), args);
        for (final Client monitor : clients) {
            final ClientPubSub queue = monitor.pubsub();
            if (queue != null) {
                queue.pushLine(line);
            }
        }
    }

    /**
     * Formats one monitor line.
     *
     * @param now the time shown.
     * @param db the database the command ran in.
     * @param peer the client's address, or {@code lua}.
     * @param args the command.
     * @return the line, {@code +...\r\n}.
     */
    static byte[] line(final Instant now, final int db, final String peer, final CommandArgs args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(64 + args.count() * 16);
        final String head = "+" + now.getEpochSecond() + "." + String.format("%06d", now.getNano() / 1000) + " ["
            + db + " " + peer + "]";
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < args.count(); i++) {
            out.write(' ');
            repr(out, redacted(args, i) ? REDACTED : args.bytes(i));
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * Tells whether Redis hides an argument from MONITOR and the slow log ({@code redactClientCommandArgument}):
     * every argument of AUTH, the user name and password of HELLO's AUTH option and of MIGRATE's AUTH and AUTH2, and
     * the user and rules of ACL SETUSER.
     *
     * @param args the command.
     * @param i the argument index.
     * @return true when the argument is shown as {@code (redacted)}.
     */
    static boolean redacted(final CommandArgs args, final int i) {
        if (i == 0) {
            return false;
        }
        if (args.is(0, Keywords.AUTH)) {
            return true;
        }
        if (i >= 2 && args.is(0, ACL) && args.is(1, SETUSER)) {
            return true;
        }
        if (i > 6 && args.is(0, MIGRATE)) {
            return migrateRedacted(args, i);
        }
        if (i < 3 || !args.is(0, HELLO)) {
            return false;
        }
        final int helloAuth = helloAuthIndex(args);
        return helloAuth > 0 && (i == helloAuth + 1 || i == helloAuth + 2);
    }

    /** MIGRATE's AUTH password and AUTH2 user and password, as its option loop redacts them before KEYS. */
    private static boolean migrateRedacted(final CommandArgs args, final int i) {
        final int n = args.count();
        for (int j = 6; j < n && j < i; j++) {
            if (args.is(j, Keywords.AUTH) && j + 1 < n) {
                if (i == j + 1) {
                    return true;
                }
                j++;
            } else if (args.is(j, Keywords.AUTH2) && j + 2 < n) {
                if (i == j + 1 || i == j + 2) {
                    return true;
                }
                j += 2;
            } else if (!args.is(j, Keywords.COPY) && !args.is(j, Keywords.REPLACE)) {
                return false;
            }
        }
        return false;
    }

    /** Where HELLO's AUTH option is, parsing as Redis's helloCommand does before it redacts; -1 when absent. */
    private static int helloAuthIndex(final CommandArgs args) {
        for (int i = 2; i < args.count(); i++) {
            if (args.is(i, Keywords.AUTH) && i + 2 < args.count()) {
                return i;
            } else if (args.is(i, Keywords.SETNAME) && i + 1 < args.count()) {
                i++;
            } else {
                return -1;
            }
        }
        return -1;
    }

    /** Redis's {@code sdscatrepr}: a quoted string with C escapes for quotes, backslashes and unprintable bytes. */
    private static void repr(final ByteArrayOutputStream out, final byte[] bytes) {
        out.write('"');
        for (final byte b : bytes) {
            final int c = b & 0xFF;
            switch (c) {
                case '\\', '"' -> {
                    out.write('\\');
                    out.write(c);
                }
                case '\n' -> escape(out, 'n');
                case '\r' -> escape(out, 'r');
                case '\t' -> escape(out, 't');
                case 7 -> escape(out, 'a');
                case '\b' -> escape(out, 'b');
                default -> {
                    if (c >= 0x20 && c < 0x7F) {
                        out.write(c);
                    } else {
                        out.write('\\');
                        out.write('x');
                        out.write(HEX[c >>> 4]);
                        out.write(HEX[c & 0xF]);
                    }
                }
            }
        }
        out.write('"');
    }

    private static void escape(final ByteArrayOutputStream out, final char c) {
        out.write('\\');
        out.write(c);
    }
}
