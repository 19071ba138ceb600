package io.minikv.net.diff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates random command sequences for the differential fuzz test: plausible and invalid arguments over a small
 * key space, so keys collide and types clash.
 * <p>
 * Determinism rules, so that two correct servers always agree:
 * <ul>
 *   <li>relative expiry times grow with the command index by 10 000 s per command, so any two relative deadlines
 *   are ordered the same way on both servers (GT/LT), and no key expires during a run; absolute ones are either in
 *   the past (the key goes at once) or beyond every relative one;</li>
 *   <li>replies with no fixed order or a time component get the matching {@link CompareRule}; RANDOMKEY only its
 *   shape; commands that are random by nature (TIME, INFO, ZRANDMEMBER without count) are not generated.</li>
 * </ul>
 * The same seed and the same set of commands give the same sequence. Not thread-safe.
 */
final class FuzzGenerator {

    static final String[] KEYS = {"k1", "k2", "k3", "k4", "k1", "k2", "{k}"};
    static final String[] VALUES = {"", "v", "hello", "0", "1", "-1", "10", "-7", "3.5", "-0.5", "1e3",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551616", " 1", "1 ",
        "+1", "01", "0x10", "abc", "inf", "-inf", "nan", "1e15", "\u00e9t\u00e9", "\0\u00ff"};
    static final String[] INTS = {"0", "1", "-1", "2", "3", "5", "10", "100", "-2", "-100",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "abc", "", "1.5", " 1"};
    static final String[] FLOATS = {"0", "1", "-1", "0.1", "1.5", "-2.25", "1e2", "3.0e-3", "inf", "-inf",
        "+inf", "nan", "abc", "", "1e400", "10.5", "5.0e3", "1.7976931348623157e308"};
    /**
     * INCRBYFLOAT increments: exact binary fractions and errors. Redis adds in 80-bit long double, mini-kv in double
     * (a known difference, see strings.txt); with these the sums are exact in both, so the fuzz test can keep
     * comparing the stored values afterwards. Overflow past a double (1e400) is in strings.txt instead.
     */
    static final String[] INCR_FLOATS = {"0", "1", "-1", "0.5", "1.5", "-2.25", "1e2", "10.5", "5.0e3",
        "inf", "-inf", "+inf", "nan", "abc", "", " 1", "0x10", "1e15"};
    static final String[] PATTERNS = {"*", "k*", "k?", "k[12]", "k[^1]", "*1", "[a-z]*", "\\{k\\}", "",
        "nomatch", "k[", "*\\"};
    static final String[] SCORES = {"0", "1", "2", "-1", "1.5", "inf", "-inf", "+inf", "10", "nan", "x",
        "(1", "(2", "3"};
    static final String[] LEX = {"-", "+", "[a", "(a", "[b", "(c", "[", "a", "[m1", "(m2"};
    static final String[] MEMBERS = {"m1", "m2", "m3", "a", "b", "c", ""};

    final SplittableRandom rnd;
    private final List<Gen> gens;
    private final long absFuture;
    private final long absFutureMs;
    private int index;
    /** EXEC and DISCARD when supported, which end a transaction the generator opened. */
    private final List<Gen> transactionEnds = new ArrayList<>();
    /**
     * Whether the last MULTI generated is still open (as far as the generator can tell: a MULTI mutated into an error
     * still counts). Inside it only exactly compared commands are generated, since EXEC's array is compared exactly.
     */
    private boolean inMulti;

    /** One command family's generator with the rule its replies need. */
    /**
     * One kind of command the fuzzer generates.
     *
     * @param keepArity never drop its last argument: for commands whose shorter form is random and writes (SPOP
     *     without a count would pop a different member on each server, and the two data sets would part ways).
     */
    record Gen(String name, CompareRule rule, java.util.function.Function<FuzzGenerator, List<String>> args,
        boolean keepArity) {
    }

    /**
     * @param seed      the seed
     * @param supported command names (lower case) the server under test supports; others are never generated
     * @param nowMs     wall-clock time at the start of the run, for absolute expiry times
     */
    FuzzGenerator(final long seed, final Set<String> supported, final long nowMs) {
        this.rnd = new SplittableRandom(seed);
        this.absFuture = nowMs / 1000 + 100_000_000_000L;
        this.absFutureMs = absFuture * 1000;
        final List<Gen> all = FuzzCatalogue.all();
        this.gens = new ArrayList<>();
        for (final Gen g : all) {
            if (supported.contains(g.name())) {
                gens.add(g);
                if ((g.name().equals("exec") || g.name().equals("discard")) && transactionEnds.stream()
                    .noneMatch(e -> e.name().equals(g.name()))) {
                    transactionEnds.add(g);
                }
            }
        }
    }

    /** Returns the command names this generator can produce from the supported set. */
    List<String> commands() {
        return gens.stream().map(Gen::name).distinct().toList();
    }

    /**
     * Returns the next command, or now and then (1 in 20) a pipeline: 2 to 8 commands compared exactly, sent in one
     * write and answered in one read, as clients pipeline.
     */
    CaseLine nextMaybePipelined() {
        if (rnd.nextInt(20) != 0) {
            return next();
        }
        final int n = rnd.nextInt(2, 9);
        final java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        final StringBuilder source = new StringBuilder("!raw");
        int count = 0;
        for (int i = 0; i < n; i++) {
            final CaseLine l = next();
            if (l.rule().kind() != CompareRule.Kind.EXACT) {
                continue;
            }
            final byte[] bytes = RespReply.encodeCommand(l.args());
            raw.writeBytes(bytes);
            source.append(" \"").append(RespEscape.escape(bytes)).append('"');
            count++;
        }
        if (count == 0) {
            return next();
        }
        source.append(" !replies=").append(count);
        return new CaseLine("fuzz", index, source.toString(), List.of(), raw.toByteArray(), CompareRule.EXACT, count,
            false, false, null, null);
    }

    /** Returns the next command as a case line. */
    CaseLine next() {
        index++;
        final Gen g = pickGen();
        final List<String> words = new ArrayList<>();
        words.add(rnd.nextInt(20) == 0 ? g.name().toUpperCase(Locale.ROOT) : g.name());
        words.addAll(g.args().apply(this));
        final int mutate = rnd.nextInt(100);
        if (mutate < 2 && words.size() > 1 && !g.keepArity()) {
            words.remove(words.size() - 1);
        } else if (mutate < 4) {
            words.add(pick(VALUES));
        } else if (mutate < 5) {
            // Not "set\0": Redis compares names as C strings within a hash bucket, so whether it runs SET depends on
            // its random hash seed (two redis-servers disagree). A leading NUL is an unknown command on every seed.
            words.set(0, pick(new String[] {"foo", "getx", "", "\0set", "GET_"}));
        }
        final List<byte[]> args = new ArrayList<>(words.size());
        for (final String w : words) {
            args.add(w.getBytes(StandardCharsets.UTF_8));
        }
        return new CaseLine("fuzz", index, RespEscape.command(args), List.copyOf(args), null,
            words.get(0).equalsIgnoreCase(g.name()) ? g.rule() : CompareRule.EXACT, 1, false, false, null, null);
    }

    /**
     * Picks the next command kind. A transaction ends after about 8 commands (EXEC mostly, DISCARD now and then), and
     * the commands queued inside it are those compared exactly.
     */
    private Gen pickGen() {
        if (inMulti && !transactionEnds.isEmpty() && rnd.nextInt(8) == 0) {
            inMulti = false;
            return transactionEnds.get(rnd.nextInt(4) == 0 ? transactionEnds.size() - 1 : 0);
        }
        Gen g = gens.get(rnd.nextInt(gens.size()));
        while (inMulti && g.rule().kind() != CompareRule.Kind.EXACT) {
            g = gens.get(rnd.nextInt(gens.size()));
        }
        switch (g.name()) {
            case "multi" -> inMulti = true;
            case "exec", "discard" -> inMulti = false;
            default -> {
            }
        }
        return g;
    }

    // ---- argument helpers -------------------------------------------------------------------------------------

    String pick(final String[] from) {
        return from[rnd.nextInt(from.length)];
    }

    boolean chance(final int percent) {
        return rnd.nextInt(100) < percent;
    }

    /**
     * A key for SORT to read: lists and sets of their own, never sorted sets. SORT converts the sorted sets it reads
     * to Redis's skiplist encoding, where lex ranges over unequal scores depend on random node levels; the sorted
     * sets of the other keys must stay listpacks for the lex commands to be comparable.
     */
    String sortKey() {
        return pick(new String[] {"sl1", "sl2", "ss1", "nosuch"});
    }

    /** Elements for the SORT keys: numbers, words and values strtod reads in its various ways. */
    List<String> sortElements() {
        final List<String> out = new ArrayList<>();
        final int n = rnd.nextInt(1, 5);
        for (int i = 0; i < n; i++) {
            out.add(chance(60) ? integer() : chance(50) ? pick(MEMBERS) : value());
        }
        return out;
    }

    /**
     * SORT's options after the key, any BY and ALPHA: order, LIMIT (unless {@code limit} is false), GETs, a STORE
     * when {@code store}, and now and then a bad word.
     */
    List<String> sortOptions(final boolean store, final boolean limit) {
        final List<String> out = new ArrayList<>();
        if (chance(40)) {
            out.add(pick(new String[] {"ASC", "DESC", "desc"}));
        }
        if (limit && chance(40)) {
            out.add("LIMIT");
            out.add(pick(new String[] {"0", "1", "2", "-1", "5", "x"}));
            out.add(pick(new String[] {"0", "1", "2", "-1", "10"}));
        }
        while (chance(30)) {
            out.add("GET");
            out.add(pick(new String[] {"#", "k*", "*", "k*->m1", "nostar"}));
        }
        if (store) {
            out.add("STORE");
            out.add(key());
        }
        if (chance(3)) {
            out.add(pick(new String[] {"GET", "LIMIT", "foo"}));
        }
        return out;
    }

    String key() {
        return chance(2) ? "" : pick(KEYS);
    }

    String value() {
        return chance(10) ? Integer.toString(rnd.nextInt(-50, 50)) : pick(VALUES);
    }

    String integer() {
        return chance(50) ? Integer.toString(rnd.nextInt(-20, 40)) : pick(INTS);
    }

    String seconds() {
        final int r = rnd.nextInt(100);
        if (r < 80) {
            return Long.toString(1_000_000L + index * 10_000L);
        }
        if (r < 86) {
            return pick(new String[] {"0", "-1", "-100"});
        }
        return pick(new String[] {"abc", "", "9223372036854775807", "-9223372036854775808", "1.5",
            "9223372036854775", "4611686018427388"});
    }

    String millis() {
        final int r = rnd.nextInt(100);
        if (r < 80) {
            return Long.toString((1_000_000L + index * 10_000L) * 1000L);
        }
        if (r < 86) {
            return pick(new String[] {"0", "-1", "-100"});
        }
        return pick(new String[] {"abc", "", "9223372036854775807", "-9223372036854775808", "1.5"});
    }

    String unixSeconds() {
        return chance(70) ? Long.toString(absFuture + rnd.nextInt(3) * 1000L)
            : pick(new String[] {"1", "0", "-1", "1000", "abc", "9223372036854775807"});
    }

    String unixMillis() {
        return chance(70) ? Long.toString(absFutureMs + rnd.nextInt(3) * 1_000_000L)
            : pick(new String[] {"1", "0", "-1", "1000", "abc", "9223372036854775807"});
    }

    /**
     * SET with a deadline in the past stores a key that is already expired; Redis 7.0 counts it in DBSIZE until
     * its active expiry cycle reclaims it, which makes DBSIZE depend on timing. So SET gets only future or invalid
     * absolute times.
     */
    String futureOrInvalid(final String t) {
        return t.length() > 5 && !t.startsWith("-") || !t.matches("-?[0-9]+") ? t : Long.toString(absFuture * 1000);
    }

    List<String> keys(final int min, final int max) {
        final int n = rnd.nextInt(min, max + 1);
        final List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(key());
        }
        return out;
    }

    List<String> setOptions() {
        final List<String> out = new ArrayList<>();
        final int n = rnd.nextInt(0, 4);
        for (int i = 0; i < n; i++) {
            switch (rnd.nextInt(10)) {
                case 0 -> out.add("NX");
                case 1 -> out.add("XX");
                case 2 -> out.add("GET");
                case 3 -> out.add("KEEPTTL");
                case 4 -> {
                    out.add("EX");
                    out.add(seconds());
                }
                case 5 -> {
                    out.add("PX");
                    out.add(millis());
                }
                case 6 -> {
                    out.add("EXAT");
                    out.add(futureOrInvalid(unixSeconds()));
                }
                case 7 -> {
                    out.add("PXAT");
                    out.add(futureOrInvalid(unixMillis()));
                }
                case 8 -> out.add(pick(new String[] {"nx", "get", "ex", "BOGUS"}));
                default -> { }
            }
        }
        return out;
    }

    List<String> expireFlags() {
        final List<String> out = new ArrayList<>();
        final int n = chance(60) ? 0 : rnd.nextInt(1, 3);
        for (int i = 0; i < n; i++) {
            out.add(pick(new String[] {"NX", "XX", "GT", "LT", "nx", "gt", "ZZ"}));
        }
        return out;
    }

    List<String> getexOptions() {
        return switch (rnd.nextInt(9)) {
            case 0 -> List.of("EX", seconds());
            case 1 -> List.of("PX", millis());
            case 2 -> List.of("EXAT", unixSeconds());
            case 3 -> List.of("PXAT", unixMillis());
            case 4 -> List.of("PERSIST");
            case 5 -> List.of("EX");
            case 6 -> List.of("PERSIST", "EX", seconds());
            default -> List.of();
        };
    }

    List<String> scanOptions() {
        final List<String> out = new ArrayList<>();
        if (chance(40)) {
            out.add("MATCH");
            out.add(pick(PATTERNS));
        }
        if (chance(40)) {
            out.add("COUNT");
            out.add(pick(new String[] {"1", "2", "10", "100", "0", "-1", "abc"}));
        }
        if (chance(30)) {
            out.add("TYPE");
            out.add(pick(new String[] {"string", "zset", "hash", "none", "STRING", "bogus"}));
        }
        return out;
    }

    List<String> scoreMembers() {
        final List<String> out = new ArrayList<>();
        final int n = rnd.nextInt(1, 4);
        for (int i = 0; i < n; i++) {
            out.add(pick(SCORES));
            out.add(pick(MEMBERS));
        }
        return out;
    }

    List<String> members(final int min, final int max) {
        final List<String> out = new ArrayList<>();
        final int n = rnd.nextInt(min, max + 1);
        for (int i = 0; i < n; i++) {
            out.add(pick(MEMBERS));
        }
        return out;
    }

    /** HSET's arguments: one to three field-value pairs, now and then an odd count. */
    List<String> fieldValues() {
        final List<String> out = new ArrayList<>();
        final int n = rnd.nextInt(1, 4);
        for (int i = 0; i < n; i++) {
            out.add(pick(MEMBERS));
            out.add(value());
        }
        if (chance(3)) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    List<String> zaddFlags() {
        final List<String> out = new ArrayList<>();
        final int n = chance(50) ? 0 : rnd.nextInt(1, 3);
        for (int i = 0; i < n; i++) {
            out.add(pick(new String[] {"NX", "XX", "GT", "LT", "CH", "INCR", "ch"}));
        }
        return out;
    }

    List<String> zrangeArgs() {
        final List<String> out = new ArrayList<>();
        out.add(key());
        final int mode = rnd.nextInt(3);
        if (mode == 0) {
            out.add(integer());
            out.add(integer());
        } else if (mode == 1) {
            out.add(pick(SCORES));
            out.add(pick(SCORES));
            out.add("BYSCORE");
        } else {
            out.add(pick(LEX));
            out.add(pick(LEX));
            out.add("BYLEX");
        }
        if (chance(30)) {
            out.add("REV");
        }
        if (chance(30)) {
            out.add("LIMIT");
            out.add(integer());
            out.add(integer());
        }
        if (chance(40)) {
            out.add("WITHSCORES");
        }
        return out;
    }

    List<String> zsetOpArgs(final boolean store, final boolean withScoresAllowed) {
        final List<String> out = new ArrayList<>();
        if (store) {
            out.add(key());
        }
        final int n = rnd.nextInt(1, 4);
        out.add(chance(10) ? pick(new String[] {"0", "-1", "abc", "5"}) : Integer.toString(n));
        for (int i = 0; i < n; i++) {
            out.add(key());
        }
        if (chance(30)) {
            out.add("WEIGHTS");
            for (int i = 0; i < n; i++) {
                out.add(pick(FLOATS));
            }
        }
        if (chance(30)) {
            out.add("AGGREGATE");
            out.add(pick(new String[] {"SUM", "MIN", "MAX", "avg"}));
        }
        if (withScoresAllowed && chance(40)) {
            out.add("WITHSCORES");
        }
        return out;
    }

    /** Returns a seed derived from a master seed and an episode number, printed so one episode can be replayed. */
    static long episodeSeed(final long master, final int episode) {
        return new Random(master * 1_000_003L + episode).nextLong();
    }
}
