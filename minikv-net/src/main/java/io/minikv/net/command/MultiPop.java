package io.minikv.net.command;

import io.minikv.api.KvError;
import io.minikv.net.resp.CommandArgs;

/**
 * The argument parsing LMPOP/BLMPOP and ZMPOP/BZMPOP share: {@code numkeys key [key ...] <where> [COUNT count]}, in
 * the order Redis's {@code lmpopGenericCommand} and {@code zmpopGenericCommand} check it (numkeys, then the where
 * keyword the caller parses, then COUNT). Each method writes the error reply itself on bad input.
 */
final class MultiPop {

    private MultiPop() {
    }

    /**
     * Parses {@code numkeys} at {@code numkeysIndex}: positive, and leaving room for the keys and the where keyword.
     *
     * @param c the client.
     * @param numkeysIndex the index of numkeys.
     * @return the index of the where keyword (one past the last key), or -1 when the error reply was written.
     */
    static int whereIndex(final Client c, final int numkeysIndex) {
        final CommandArgs a = c.args();
        if (!a.parseLong(numkeysIndex) || a.longValue() < 1) {
            c.reply().error(KvError.NUMKEYS_NOT_POSITIVE);
            return -1;
        }
        final long numkeys = a.longValue();
        if (numkeys >= a.count() - numkeysIndex - 1) {
            c.reply().error(KvError.SYNTAX);
            return -1;
        }
        return numkeysIndex + (int) numkeys + 1;
    }

    /**
     * Parses the optional {@code COUNT count} after the where keyword; a second COUNT or anything else is a syntax
     * error.
     *
     * @param c the client.
     * @param whereIndex the index of the where keyword.
     * @return the count (1 without COUNT), or -1 when the error reply was written.
     */
    static long count(final Client c, final int whereIndex) {
        final CommandArgs a = c.args();
        long count = -1;
        for (int j = whereIndex + 1; j < a.count(); j++) {
            if (count == -1 && a.is(j, Keywords.COUNT) && j + 1 < a.count()) {
                j++;
                if (!a.parseLong(j) || a.longValue() < 1) {
                    c.reply().error(KvError.COUNT_SHOULD_BE_POSITIVE);
                    return -1;
                }
                count = a.longValue();
            } else {
                c.reply().error(KvError.SYNTAX);
                return -1;
            }
        }
        return count == -1 ? 1 : count;
    }
}
