package io.minikv.net.command;

import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The slow log, as Redis's {@code slowlog.c}: the latest {@code slowlog-max-len} commands whose execution took at
 * least {@code slowlog-log-slower-than} microseconds, newest first.
 * <p>
 * <b>Cost.</b> The dispatcher times a command (one {@code System.nanoTime} pair, no system call on Linux) only while
 * {@link #enabled()}, one volatile read; a command under the threshold is then one comparison. Only a logged command
 * copies its arguments, truncated as Redis truncates them: at most 32, the last replaced by {@code "... (N more
 * arguments)"}, each at most 128 bytes followed by {@code "... (N more bytes)"}; AUTH's and HELLO's passwords
 * read {@code (redacted)}.
 * <p>
 * Thread-safe: every event loop and the scripting thread log into it; entries are kept under this object's monitor.
 */
final class SlowLog {
    /** Redis's {@code SLOWLOG_ENTRY_MAX_ARGC}. */
    private static final int MAX_ARGC = 32;
    /** Redis's {@code SLOWLOG_ENTRY_MAX_STRING}. */
    private static final int MAX_STRING = 128;
    /** The peer Redis reports for its Lua client, which has no socket. */
    private static final String SCRIPT_PEER = "?:0";

    /** One logged command, as SLOWLOG GET shows it. */
    private record Entry(long id, long unixSeconds, long micros, byte[][] argv, String peer, String name) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long nextId;
    private volatile long slowerThanMicros = 10_000;
    private volatile long maxLen = 128;

    /** @return whether commands are timed: {@code slowlog-log-slower-than} is not negative. */
    boolean enabled() {
        return slowerThanMicros >= 0;
    }

    /** @return {@code slowlog-log-slower-than}, microseconds; negative disables the log. */
    long slowerThanMicros() {
        return slowerThanMicros;
    }

    /**
     * Sets {@code slowlog-log-slower-than}.
     *
     * @param micros the threshold; 0 logs every command, negative none.
     */
    synchronized void slowerThanMicros(final long micros) {
        this.slowerThanMicros = micros;
        trim();
    }

    /** @return {@code slowlog-max-len}. */
    long maxLen() {
        return maxLen;
    }

    /**
     * Sets {@code slowlog-max-len} and trims the log to it, as Redis does after the CONFIG SET that lowers it.
     *
     * @param value the most entries kept.
     */
    synchronized void maxLen(final long value) {
        this.maxLen = value;
        trim();
    }

    /** Drops the oldest entries past the limit; Redis trims only while the log is enabled (monitor held). */
    private void trim() {
        if (slowerThanMicros < 0) {
            return;
        }
        while (entries.size() > maxLen) {
            entries.removeLast();
        }
    }

    /**
     * Logs a command that ran for {@code micros} if it reaches the threshold, as Redis's
     * {@code slowlogPushEntryIfNeeded}: the entry carries the client's address and name as they are now.
     *
     * @param client the client that ran it.
     * @param args the command.
     * @param micros its execution time.
     */
    void log(final Client client, final CommandArgs args, final long micros) {
        final long threshold = slowerThanMicros;
        if (threshold < 0 || micros < threshold) {
            return;
        }
        log(client, argv(args), micros);
    }

    /**
     * Logs a command whose arguments were captured with {@link #argv} when it started (a blocked command, a script
     * run on the scripting thread), if it reaches the threshold.
     *
     * @param client the client that ran it.
     * @param argv the arguments from {@link #argv}.
     * @param micros its execution time.
     */
    void log(final Client client, final byte[][] argv, final long micros) {
        final long threshold = slowerThanMicros;
        if (threshold < 0 || micros < threshold) {
            return;
        }
        final String peer = client.isScript() ? SCRIPT_PEER : client.address();
        final long now = System.currentTimeMillis() / 1000;
        synchronized (this) {
            entries.addFirst(new Entry(nextId++, now, micros, argv, peer, client.name()));
            trim();
        }
    }

    /**
     * Copies a command's arguments as a slow log entry keeps them: truncated, passwords redacted.
     *
     * @param args the command.
     * @return the arguments to log.
     */
    static byte[][] argv(final CommandArgs args) {
        final int argc = args.count();
        final int kept = Math.min(argc, MAX_ARGC);
        final byte[][] argv = new byte[kept][];
        for (int i = 0; i < kept; i++) {
            if (kept != argc && i == kept - 1) {
                argv[i] = ascii("... (" + (argc - kept + 1) + " more arguments)");
            } else if (Monitors.redacted(args, i)) {
                argv[i] = Monitors.REDACTED.clone();
            } else if (args.length(i) > MAX_STRING) {
                final byte[] head = ascii("... (" + (args.length(i) - MAX_STRING) + " more bytes)");
                final byte[] cut = new byte[MAX_STRING + head.length];
                args.buffer().get(args.offset(i), cut, 0, MAX_STRING);
                System.arraycopy(head, 0, cut, MAX_STRING, head.length);
                argv[i] = cut;
            } else {
                argv[i] = args.bytes(i);
            }
        }
        return argv;
    }

    /** @return the number of entries (SLOWLOG LEN). */
    synchronized int size() {
        return entries.size();
    }

    /** Removes every entry (SLOWLOG RESET); ids keep counting. */
    synchronized void reset() {
        entries.clear();
    }

    /**
     * Writes the newest entries as SLOWLOG GET replies them: id, Unix time, microseconds, arguments, peer, name.
     *
     * @param reply the writer.
     * @param count the most entries; negative for all.
     */
    void write(final ReplyWriter reply, final long count) {
        final Entry[] newest;
        synchronized (this) {
            final int n = count < 0 ? entries.size() : (int) Math.min(count, entries.size());
            newest = new Entry[n];
            final Iterator<Entry> it = entries.iterator();
            for (int i = 0; i < n; i++) {
                newest[i] = it.next();
            }
        }
        reply.array(newest.length);
        for (final Entry e : newest) {
            reply.array(6);
            reply.integer(e.id());
            reply.integer(e.unixSeconds());
            reply.integer(e.micros());
            reply.array(e.argv().length);
            for (final byte[] arg : e.argv()) {
                reply.bulk(arg);
            }
            reply.bulk(e.peer());
            reply.bulk(e.name());
        }
    }

    private static byte[] ascii(final String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
