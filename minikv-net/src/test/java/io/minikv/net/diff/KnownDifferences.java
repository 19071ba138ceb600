package io.minikv.net.diff;

import java.math.BigDecimal;

/**
 * Differences between Redis and mini-kv that are understood and accepted, recognised from the replies so the fuzz
 * test can tell them from new ones. Each is also written down in a case file as an {@code !ignore} line.
 * Stateless.
 */
final class KnownDifferences {

    private KnownDifferences() {
    }

    /**
     * Returns why the two outcomes differ if the difference is a known one, else {@code null}.
     *
     * @param redis  what Redis did
     * @param minikv what mini-kv did
     */
    static String explain(final DiffSession.Outcome redis, final DiffSession.Outcome minikv) {
        if (redis == null || minikv == null || redis.note() != null || minikv.note() != null
            || redis.replies().size() != minikv.replies().size()) {
            return null;
        }
        // In a pipeline the first reply that differs decides: the servers' states may differ after it, so later
        // differences can be its consequences (the fuzz episode ends there either way).
        for (int i = 0; i < redis.replies().size(); i++) {
            final RespReply r = redis.replies().get(i);
            final RespReply m = minikv.replies().get(i);
            if (!r.sameBytes(m)) {
                return explainReply(r, m);
            }
        }
        return null;
    }

    /** Explains one differing reply; in an array (EXEC's), the first element that differs decides, as in a pipeline. */
    private static String explainReply(final RespReply r, final RespReply m) {
        final String why = longDouble(r, m);
        if (why != null) {
            return why;
        }
        final String rank = rankWithScore(r);
        if (rank != null && m.type() == '+' && "QUEUED".equals(m.text())) {
            // Inside MULTI: mini-kv's arity allows the fourth argument, so it queues what 7.0.15 refuses.
            return rank;
        }
        if (r.type() == '*' && m.type() == '*' && r.children() != null && m.children() != null
            && r.children().size() == m.children().size()) {
            for (int i = 0; i < r.children().size(); i++) {
                if (!r.children().get(i).sameBytes(m.children().get(i))) {
                    final String inner = explainReply(r.children().get(i), m.children().get(i));
                    if (inner != null) {
                        return inner;
                    }
                    break;
                }
            }
        }
        return negativeZero(r, m);
    }

    /**
     * Redis computes INCRBYFLOAT in 80-bit {@code long double} and prints up to 17 decimals of it; mini-kv uses
     * 64-bit {@code double}. The results agree as doubles but not digit for digit when one has more significant
     * digits than a double holds, and values beyond {@code Double.MAX_VALUE} (up to about 1.19e4932) are finite for
     * Redis and infinite for mini-kv (strings.txt marks the cases).
     */
    static String longDouble(final RespReply redis, final RespReply minikv) {
        if (redis.type() != '$' || redis.payload() == null) {
            return null;
        }
        final BigDecimal r = decimal(redis.text());
        if (r == null) {
            return null;
        }
        final String why = "known difference: INCRBYFLOAT uses 80-bit long double in Redis, double in mini-kv";
        if (minikv.isError() && minikv.text().equals("ERR increment would produce NaN or Infinity")
            && r.abs().compareTo(new BigDecimal(Double.MAX_VALUE)) > 0) {
            return why;
        }
        if (minikv.type() != '$' || minikv.payload() == null) {
            return null;
        }
        final BigDecimal m = decimal(minikv.text());
        if (m == null || significantDigits(r) <= 17 && significantDigits(m) <= 17) {
            return null;
        }
        final double rd = r.doubleValue();
        final double md = m.doubleValue();
        if (rd == md || Math.abs(rd - md) <= Math.ulp(Math.max(Math.abs(rd), Math.abs(md))) * 2) {
            return why;
        }
        return null;
    }

    /**
     * ZRANK and ZREVRANK with WITHSCORE are Redis 7.2's; 7.0.15 answers any fourth argument with its arity error,
     * while mini-kv serves WITHSCORE (zset.txt marks the cases).
     */
    static String rankWithScore(final RespReply redis) {
        if (redis.isError() && (redis.text().equals("ERR wrong number of arguments for 'zrank' command")
            || redis.text().equals("ERR wrong number of arguments for 'zrevrank' command"))) {
            return "known difference: ZRANK/ZREVRANK WITHSCORE is Redis 7.2, the reference is 7.0.15";
        }
        return null;
    }

    private static BigDecimal decimal(final String s) {
        if (!s.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return null;
        }
        return new BigDecimal(s);
    }

    private static int significantDigits(final BigDecimal d) {
        return d.stripTrailingZeros().precision();
    }

    /**
     * Redis replies {@code -0} for a sorted-set score computed as negative zero and returned without being stored
     * (ZUNION and ZINTER with a negative weight, ZADD INCR -0 on a new member); mini-kv normalises -0 to 0 (zset.txt
     * marks the cases). Matches when the replies differ only in such elements.
     */
    static String negativeZero(final RespReply redis, final RespReply minikv) {
        if (!sameExceptNegativeZero(redis, minikv)) {
            return null;
        }
        return "known difference: Redis replies -0 for some computed sorted-set scores, mini-kv 0";
    }

    private static boolean sameExceptNegativeZero(final RespReply r, final RespReply m) {
        if (r.sameBytes(m)) {
            return true;
        }
        if (r.type() == '$' && m.type() == '$') {
            return "-0".equals(r.text()) && "0".equals(m.text());
        }
        if (r.type() != '*' || m.type() != '*' || r.children() == null || m.children() == null
            || r.children().size() != m.children().size()) {
            return false;
        }
        for (int i = 0; i < r.children().size(); i++) {
            if (!sameExceptNegativeZero(r.children().get(i), m.children().get(i))) {
                return false;
            }
        }
        return true;
    }
}
