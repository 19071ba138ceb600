package io.minikv.net.command;

import io.minikv.api.KvError;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

/**
 * The options of the per-key scans (ZSCAN, HSCAN): {@code [MATCH pattern] [COUNT count]}, parsed as Redis's
 * {@code scanGenericCommand} parses them, after the key was found (a missing key answers an empty scan whatever the
 * options are, which {@link #replyEmpty} writes).
 *
 * @param pattern the MATCH glob, or null.
 * @param count the COUNT, at least 1; 10 by default.
 */
record ScanOptions(byte[] pattern, long count) {

    /**
     * Parses the options from argument {@code from} on; replies with the error and returns null on bad input.
     *
     * @param c the client.
     * @param from the index of the first option.
     * @return the options, or null when an error reply was written.
     */
    static ScanOptions parse(final Client c, final int from) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        byte[] pattern = null;
        long count = 10;
        for (int j = from; j < a.count(); j++) {
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
        return new ScanOptions(pattern, count);
    }

    /**
     * Writes the reply of a scan over a missing key: cursor 0 and no elements.
     *
     * @param r the reply writer.
     */
    static void replyEmpty(final ReplyWriter r) {
        r.array(2);
        r.bulk("0");
        r.array(0);
    }
}
