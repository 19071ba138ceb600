package io.minikv.net.command;

import io.minikv.api.KvError;
import io.minikv.api.KvStore;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;
import java.util.function.ToLongBiFunction;

/**
 * A parsed per-key scan call (ZSCAN, HSCAN, SSCAN): {@code key cursor [MATCH pattern] [COUNT count]}, read as Redis's
 * {@code scanGenericCommand} reads it: the cursor first, then the key lookup (a missing key answers an empty scan
 * whatever the options are), then the options.
 *
 * @param cursor the cursor, to be read as unsigned.
 * @param pattern the MATCH glob, or null.
 * @param count the COUNT, at least 1; 10 by default.
 */
record ScanOptions(long cursor, byte[] pattern, long count) {

    /**
     * Parses the call's cursor (argument 2) and options (from argument 3); replies and returns null when the cursor or
     * an option is bad or when the key (argument 1) is missing.
     *
     * @param c the client.
     * @param size the family's size command ({@code KvStore::hlen}...): 0 for a missing key, WRONGTYPE for another
     *     type.
     * @return the parsed call, or null when the reply was written.
     */
    static ScanOptions parse(final Client c, final ToLongBiFunction<KvStore, byte[]> size) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        if (!a.parseCursor(2)) {
            r.error(KvError.INVALID_CURSOR);
            return null;
        }
        final long cursor = a.longValue();
        // Redis looks the key up before it reads the options: a missing key answers an empty scan whatever follows.
        if (size.applyAsLong(c.db(), a.bytes(1)) == 0) {
            r.array(2);
            r.bulk("0");
            r.array(0);
            return null;
        }
        byte[] pattern = null;
        long count = 10;
        for (int j = 3; j < a.count(); j++) {
            final boolean more = j + 1 < a.count();
            if (more && a.is(j, Keywords.COUNT)) {
                j++;
                if (!c.parseLongOrReply(j)) {
                    return null;
                }
                count = a.longValue();
                if (count < 1) {
                    r.error(KvError.SYNTAX);
                    return null;
                }
            } else if (more && a.is(j, Keywords.MATCH)) {
                j++;
                pattern = a.bytes(j);
            } else {
                r.error(KvError.SYNTAX);
                return null;
            }
        }
        return new ScanOptions(cursor, pattern, count);
    }

    /**
     * Opens a scan reply: a 2-element array whose first element is the next cursor; the caller writes the elements.
     *
     * @param r the reply writer.
     * @param next the next cursor, unsigned.
     */
    static void replyCursor(final ReplyWriter r, final long next) {
        r.array(2);
        r.bulk(Long.toUnsignedString(next));
    }
}
