package io.minikv.net.command;

import io.minikv.net.resp.ReplyWriter;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * The ACL security log ACL LOG shows, as Redis's {@code ACLLog}: the newest denial first, at most
 * {@value #MAX_LENGTH} entries (Redis's default {@code acllog-max-len}); a denial like one of the ten newest entries
 * (same reason, context, object and user, within a minute) bumps that entry's count and moves it to the front instead
 * of adding one.
 * <p>
 * Thread-safe: every method is synchronized (denials are rare).
 */
final class AclLog {
    static final int MAX_LENGTH = 128;
    private static final int GROUPING_MAX_MILLIS = 60_000;
    private static final int GROUPING_SCAN = 10;
    private static final String[] REASONS = {"unknown", "command", "key", "auth", "channel"};
    private static final String[] CONTEXTS = {"toplevel", "multi", "lua"};

    /** A denial in a command run directly. */
    static final int TOPLEVEL = 0;
    /** A denial while queueing in MULTI, or in EXEC. */
    static final int MULTI = 1;
    /** A denial of a script's {@code redis.call}. */
    static final int LUA = 2;

    private final LinkedList<Entry> entries = new LinkedList<>();

    private static final class Entry {
        long count;
        final int reason;
        final int context;
        final String object;
        final String username;
        long millis;
        String clientInfo;

        Entry(final int reason, final int context, final String object, final String username, final long millis,
            final String clientInfo) {
            this.count = 1;
            this.reason = reason;
            this.context = context;
            this.object = object;
            this.username = username;
            this.millis = millis;
            this.clientInfo = clientInfo;
        }
    }

    /**
     * Records a denial.
     *
     * @param reason an {@code Acl.DENIED_*} code.
     * @param context {@link #TOPLEVEL}, {@link #MULTI} or {@link #LUA}.
     * @param object the command's full name, the key, the channel, or the AUTH command's name.
     * @param username the user the client runs as, or the name it tried to authenticate as.
     * @param clientInfo the client's CLIENT LIST line.
     * @param nowMillis the current time.
     */
    synchronized void add(final int reason, final int context, final String object, final String username,
        final String clientInfo, final long nowMillis) {
        int scanned = 0;
        for (final Iterator<Entry> it = entries.iterator(); it.hasNext() && scanned < GROUPING_SCAN; scanned++) {
            final Entry e = it.next();
            if (e.reason == reason && e.context == context && Math.abs(e.millis - nowMillis) <= GROUPING_MAX_MILLIS
                && e.object.equals(object) && e.username.equals(username)) {
                it.remove();
                e.count++;
                e.millis = nowMillis;
                e.clientInfo = clientInfo;
                entries.addFirst(e);
                return;
            }
        }
        entries.addFirst(new Entry(reason, context, object, username, nowMillis, clientInfo));
        while (entries.size() > MAX_LENGTH) {
            entries.removeLast();
        }
    }

    /** Empties the log (ACL LOG RESET). */
    synchronized void reset() {
        entries.clear();
    }

    /**
     * Writes the newest entries as ACL LOG does.
     *
     * @param reply the reply writer.
     * @param count how many at most.
     * @param nowMillis the current time, for {@code age-seconds}.
     */
    void write(final ReplyWriter reply, final long count, final long nowMillis) {
        final List<Shown> shown = new ArrayList<>();
        synchronized (this) {
            for (final Entry e : entries) {
                if (shown.size() >= count) {
                    break;
                }
                shown.add(new Shown(e.count, e.reason, e.context, e.object, e.username, e.millis, e.clientInfo));
            }
        }
        reply.array(shown.size());
        for (final Shown e : shown) {
            reply.array(14);
            reply.bulk("count");
            reply.integer(e.count());
            reply.bulk("reason");
            reply.bulk(REASONS[e.reason()]);
            reply.bulk("context");
            reply.bulk(CONTEXTS[e.context()]);
            reply.bulk("object");
            reply.bulk(e.object());
            reply.bulk("username");
            reply.bulk(e.username());
            reply.bulk("age-seconds");
            reply.bulkDouble((nowMillis - e.millis()) / 1000.0);
            reply.bulk("client-info");
            reply.bulk(e.clientInfo());
        }
    }

    /** An entry as it was when ACL LOG read it. */
    private record Shown(long count, int reason, int context, String object, String username, long millis,
                         String clientInfo) {
    }
}
