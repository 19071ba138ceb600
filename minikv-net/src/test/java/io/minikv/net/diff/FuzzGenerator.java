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

    private static final String[] KEYS = {"k1", "k2", "k3", "k4", "k1", "k2", "{k}"};
    private static final String[] VALUES = {"", "v", "hello", "0", "1", "-1", "10", "-7", "3.5", "-0.5", "1e3",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551616", " 1", "1 ",
        "+1", "01", "0x10", "abc", "inf", "-inf", "nan", "1e15", "\u00e9t\u00e9", "\0\u00ff"};
    private static final String[] INTS = {"0", "1", "-1", "2", "3", "5", "10", "100", "-2", "-100",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "abc", "", "1.5", " 1"};
    private static final String[] FLOATS = {"0", "1", "-1", "0.1", "1.5", "-2.25", "1e2", "3.0e-3", "inf", "-inf",
        "+inf", "nan", "abc", "", "1e400", "10.5", "5.0e3", "1.7976931348623157e308"};
    /**
     * INCRBYFLOAT increments: exact binary fractions and errors. Redis adds in 80-bit long double, mini-kv in double
     * (a known difference, see strings.txt); with these the sums are exact in both, so the fuzz test can keep
     * comparing the stored values afterwards. Overflow past a double (1e400) is in strings.txt instead.
     */
    private static final String[] INCR_FLOATS = {"0", "1", "-1", "0.5", "1.5", "-2.25", "1e2", "10.5", "5.0e3",
        "inf", "-inf", "+inf", "nan", "abc", "", " 1", "0x10", "1e15"};
    private static final String[] PATTERNS = {"*", "k*", "k?", "k[12]", "k[^1]", "*1", "[a-z]*", "\\{k\\}", "",
        "nomatch", "k[", "*\\"};
    private static final String[] SCORES = {"0", "1", "2", "-1", "1.5", "inf", "-inf", "+inf", "10", "nan", "x",
        "(1", "(2", "3"};
    private static final String[] LEX = {"-", "+", "[a", "(a", "[b", "(c", "[", "a", "[m1", "(m2"};
    private static final String[] MEMBERS = {"m1", "m2", "m3", "a", "b", "c", ""};

    private final SplittableRandom rnd;
    private final List<Gen> gens;
    private final long absFuture;
    private final long absFutureMs;
    private int index;

    /** One command family's generator with the rule its replies need. */
    private record Gen(String name, CompareRule rule, java.util.function.Function<FuzzGenerator, List<String>> args) {
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
        final List<Gen> all = catalogue();
        this.gens = new ArrayList<>();
        for (final Gen g : all) {
            if (supported.contains(g.name())) {
                gens.add(g);
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
        final Gen g = gens.get(rnd.nextInt(gens.size()));
        final List<String> words = new ArrayList<>();
        words.add(rnd.nextInt(20) == 0 ? g.name().toUpperCase(Locale.ROOT) : g.name());
        words.addAll(g.args().apply(this));
        final int mutate = rnd.nextInt(100);
        if (mutate < 2 && words.size() > 1) {
            words.remove(words.size() - 1);
        } else if (mutate < 4) {
            words.add(pick(VALUES));
        } else if (mutate < 5) {
            words.set(0, pick(new String[] {"foo", "getx", "", "set\0", "GET_"}));
        }
        final List<byte[]> args = new ArrayList<>(words.size());
        for (final String w : words) {
            args.add(w.getBytes(StandardCharsets.UTF_8));
        }
        return new CaseLine("fuzz", index, RespEscape.command(args), List.copyOf(args), null,
            words.get(0).equalsIgnoreCase(g.name()) ? g.rule() : CompareRule.EXACT, 1, false, false, null, null);
    }

    // ---- argument helpers -------------------------------------------------------------------------------------

    private String pick(final String[] from) {
        return from[rnd.nextInt(from.length)];
    }

    private boolean chance(final int percent) {
        return rnd.nextInt(100) < percent;
    }

    private String key() {
        return chance(2) ? "" : pick(KEYS);
    }

    private String value() {
        return chance(10) ? Integer.toString(rnd.nextInt(-50, 50)) : pick(VALUES);
    }

    private String integer() {
        return chance(50) ? Integer.toString(rnd.nextInt(-20, 40)) : pick(INTS);
    }

    private String seconds() {
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

    private String millis() {
        final int r = rnd.nextInt(100);
        if (r < 80) {
            return Long.toString((1_000_000L + index * 10_000L) * 1000L);
        }
        if (r < 86) {
            return pick(new String[] {"0", "-1", "-100"});
        }
        return pick(new String[] {"abc", "", "9223372036854775807", "-9223372036854775808", "1.5"});
    }

    private String unixSeconds() {
        return chance(70) ? Long.toString(absFuture + rnd.nextInt(3) * 1000L)
            : pick(new String[] {"1", "0", "-1", "1000", "abc", "9223372036854775807"});
    }

    private String unixMillis() {
        return chance(70) ? Long.toString(absFutureMs + rnd.nextInt(3) * 1_000_000L)
            : pick(new String[] {"1", "0", "-1", "1000", "abc", "9223372036854775807"});
    }

    /**
     * SET with a deadline in the past stores a key that is already expired; Redis 7.0 counts it in DBSIZE until
     * its active expiry cycle reclaims it, which makes DBSIZE depend on timing. So SET gets only future or invalid
     * absolute times.
     */
    private String futureOrInvalid(final String t) {
        return t.length() > 5 && !t.startsWith("-") || !t.matches("-?[0-9]+") ? t : Long.toString(absFuture * 1000);
    }

    private List<String> keys(final int min, final int max) {
        final int n = rnd.nextInt(min, max + 1);
        final List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(key());
        }
        return out;
    }

    private List<String> setOptions() {
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

    private List<String> expireFlags() {
        final List<String> out = new ArrayList<>();
        final int n = chance(60) ? 0 : rnd.nextInt(1, 3);
        for (int i = 0; i < n; i++) {
            out.add(pick(new String[] {"NX", "XX", "GT", "LT", "nx", "gt", "ZZ"}));
        }
        return out;
    }

    private List<String> getexOptions() {
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

    private List<String> scanOptions() {
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

    private List<String> scoreMembers() {
        final List<String> out = new ArrayList<>();
        final int n = rnd.nextInt(1, 4);
        for (int i = 0; i < n; i++) {
            out.add(pick(SCORES));
            out.add(pick(MEMBERS));
        }
        return out;
    }

    private List<String> members(final int min, final int max) {
        final List<String> out = new ArrayList<>();
        final int n = rnd.nextInt(min, max + 1);
        for (int i = 0; i < n; i++) {
            out.add(pick(MEMBERS));
        }
        return out;
    }

    private List<String> zaddFlags() {
        final List<String> out = new ArrayList<>();
        final int n = chance(50) ? 0 : rnd.nextInt(1, 3);
        for (int i = 0; i < n; i++) {
            out.add(pick(new String[] {"NX", "XX", "GT", "LT", "CH", "INCR", "ch"}));
        }
        return out;
    }

    private List<String> zrangeArgs() {
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

    private List<String> zsetOpArgs(final boolean store, final boolean withScoresAllowed) {
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

    private static List<String> cat(final Object... parts) {
        final List<String> out = new ArrayList<>();
        for (final Object p : parts) {
            if (p instanceof List<?> list) {
                list.forEach(x -> out.add((String) x));
            } else {
                out.add((String) p);
            }
        }
        return out;
    }

    private static Gen g(final String name, final java.util.function.Function<FuzzGenerator, List<String>> args) {
        return new Gen(name, CompareRule.EXACT, args);
    }

    private static Gen g(final String name, final CompareRule rule,
                         final java.util.function.Function<FuzzGenerator, List<String>> args) {
        return new Gen(name, rule, args);
    }

    private static List<Gen> catalogue() {
        final List<Gen> c = new ArrayList<>();
        // Strings: the commonest commands get several entries, so they dominate the mix.
        for (int i = 0; i < 4; i++) {
            c.add(g("set", f -> cat(f.key(), f.value(), f.setOptions())));
            c.add(g("get", f -> cat(f.key())));
        }
        c.add(g("setnx", f -> cat(f.key(), f.value())));
        c.add(g("setex", f -> cat(f.key(), f.seconds(), f.value())));
        c.add(g("psetex", f -> cat(f.key(), f.millis(), f.value())));
        c.add(g("getset", f -> cat(f.key(), f.value())));
        c.add(g("getdel", f -> cat(f.key())));
        c.add(g("getex", f -> cat(f.key(), f.getexOptions())));
        c.add(g("mget", f -> f.keys(1, 4)));
        c.add(g("mset", f -> {
            final List<String> out = new ArrayList<>();
            for (final String k : f.keys(1, 3)) {
                out.add(k);
                out.add(f.value());
            }
            return out;
        }));
        c.add(g("msetnx", f -> {
            final List<String> out = new ArrayList<>();
            for (final String k : f.keys(1, 3)) {
                out.add(k);
                out.add(f.value());
            }
            return out;
        }));
        c.add(g("append", f -> cat(f.key(), f.value())));
        c.add(g("strlen", f -> cat(f.key())));
        c.add(g("getrange", f -> cat(f.key(), f.integer(), f.integer())));
        c.add(g("substr", f -> cat(f.key(), f.integer(), f.integer())));
        c.add(g("setrange", f -> cat(f.key(), f.chance(90) ? Integer.toString(f.rnd.nextInt(0, 20)) : f.integer(),
            f.value())));
        for (int i = 0; i < 2; i++) {
            c.add(g("incr", f -> cat(f.key())));
            c.add(g("incrby", f -> cat(f.key(), f.integer())));
            c.add(g("incrbyfloat", f -> cat(f.key(), f.pick(INCR_FLOATS))));
        }
        c.add(g("decr", f -> cat(f.key())));
        c.add(g("decrby", f -> cat(f.key(), f.integer())));
        // Keys.
        c.add(g("del", f -> f.keys(1, 3)));
        c.add(g("unlink", f -> f.keys(1, 3)));
        c.add(g("exists", f -> f.keys(1, 3)));
        c.add(g("touch", f -> f.keys(1, 3)));
        c.add(g("type", f -> cat(f.key())));
        c.add(g("keys", CompareRule.UNORDERED, f -> cat(f.pick(PATTERNS))));
        c.add(g("scan", CompareRule.SCAN_ALL, f -> cat("0", f.scanOptions())));
        c.add(g("randomkey", CompareRule.SHAPE, f -> List.of()));
        c.add(g("dbsize", f -> List.of()));
        c.add(g("rename", f -> cat(f.key(), f.key())));
        c.add(g("renamenx", f -> cat(f.key(), f.key())));
        c.add(g("copy", f -> cat(f.key(), f.key(), f.chance(30) ? List.of("DB", f.pick(new String[] {"0", "1", "16",
            "x"})) : List.of(), f.chance(40) ? List.of("REPLACE") : List.of())));
        c.add(g("move", f -> cat(f.key(), f.pick(new String[] {"0", "1", "2", "16", "-1", "x"}))));
        c.add(g("select", f -> cat(f.pick(new String[] {"0", "0", "1", "16", "-1", "x"}))));
        c.add(g("flushdb", f -> f.chance(90) ? List.of() : List.of(f.pick(new String[] {"SYNC", "ASYNC", "x"}))));
        // Expiry.
        c.add(g("expire", f -> cat(f.key(), f.seconds(), f.expireFlags())));
        c.add(g("pexpire", f -> cat(f.key(), f.millis(), f.expireFlags())));
        c.add(g("expireat", f -> cat(f.key(), f.unixSeconds(), f.expireFlags())));
        c.add(g("pexpireat", f -> cat(f.key(), f.unixMillis(), f.expireFlags())));
        c.add(g("ttl", CompareRule.TTL, f -> cat(f.key())));
        c.add(g("pttl", CompareRule.PTTL, f -> cat(f.key())));
        c.add(g("expiretime", CompareRule.TTL, f -> cat(f.key())));
        c.add(g("pexpiretime", CompareRule.PTTL, f -> cat(f.key())));
        c.add(g("persist", f -> cat(f.key())));
        // Connection.
        c.add(g("ping", f -> f.chance(50) ? List.of() : List.of(f.value())));
        c.add(g("echo", f -> cat(f.value())));
        // Sorted sets (generated once the server under test lists them).
        for (int i = 0; i < 3; i++) {
            c.add(g("zadd", f -> cat(f.key(), f.zaddFlags(), f.scoreMembers())));
        }
        c.add(g("zrem", f -> cat(f.key(), f.members(1, 3))));
        c.add(g("zscore", f -> cat(f.key(), f.pick(MEMBERS))));
        c.add(g("zmscore", f -> cat(f.key(), f.members(1, 3))));
        c.add(g("zincrby", f -> cat(f.key(), f.pick(FLOATS), f.pick(MEMBERS))));
        c.add(g("zcard", f -> cat(f.key())));
        c.add(g("zcount", f -> cat(f.key(), f.pick(SCORES), f.pick(SCORES))));
        c.add(g("zlexcount", f -> cat(f.key(), f.pick(LEX), f.pick(LEX))));
        c.add(g("zrange", FuzzGenerator::zrangeArgs));
        c.add(g("zrangestore", f -> cat(f.key(), f.zrangeArgs())));
        c.add(g("zrangebyscore", f -> cat(f.key(), f.pick(SCORES), f.pick(SCORES),
            f.chance(40) ? List.of("WITHSCORES") : List.of(),
            f.chance(30) ? List.of("LIMIT", f.integer(), f.integer()) : List.of())));
        c.add(g("zrevrangebyscore", f -> cat(f.key(), f.pick(SCORES), f.pick(SCORES),
            f.chance(40) ? List.of("WITHSCORES") : List.of(),
            f.chance(30) ? List.of("LIMIT", f.integer(), f.integer()) : List.of())));
        c.add(g("zrangebylex", f -> cat(f.key(), f.pick(LEX), f.pick(LEX),
            f.chance(30) ? List.of("LIMIT", f.integer(), f.integer()) : List.of())));
        c.add(g("zrevrangebylex", f -> cat(f.key(), f.pick(LEX), f.pick(LEX),
            f.chance(30) ? List.of("LIMIT", f.integer(), f.integer()) : List.of())));
        c.add(g("zrevrange", f -> cat(f.key(), f.integer(), f.integer(),
            f.chance(40) ? List.of("WITHSCORES") : List.of())));
        // No WITHSCORE: Redis 7.2 added it, the reference 7.0 answers it with an arity error (zset.txt).
        c.add(g("zrank", f -> cat(f.key(), f.pick(MEMBERS))));
        c.add(g("zrevrank", f -> cat(f.key(), f.pick(MEMBERS))));
        c.add(g("zpopmin", f -> f.chance(50) ? cat(f.key()) : cat(f.key(), f.integer())));
        c.add(g("zpopmax", f -> f.chance(50) ? cat(f.key()) : cat(f.key(), f.integer())));
        c.add(g("zmpop", f -> cat(f.pick(new String[] {"1", "2", "0", "x"}), f.keys(1, 2),
            f.pick(new String[] {"MIN", "MAX", "mid"}), f.chance(40) ? List.of("COUNT", f.integer()) : List.of())));
        c.add(g("zremrangebyscore", f -> cat(f.key(), f.pick(SCORES), f.pick(SCORES))));
        c.add(g("zremrangebyrank", f -> cat(f.key(), f.integer(), f.integer())));
        c.add(g("zremrangebylex", f -> cat(f.key(), f.pick(LEX), f.pick(LEX))));
        c.add(g("zunion", f -> f.zsetOpArgs(false, true)));
        c.add(g("zinter", f -> f.zsetOpArgs(false, true)));
        c.add(g("zdiff", f -> {
            final List<String> keys = f.keys(1, 3);
            return cat(f.chance(10) ? f.pick(new String[] {"0", "-1", "abc", "5"}) : Integer.toString(keys.size()),
                keys, f.chance(40) ? List.of("WITHSCORES") : List.of());
        }));
        c.add(g("zunionstore", f -> f.zsetOpArgs(true, false)));
        c.add(g("zinterstore", f -> f.zsetOpArgs(true, false)));
        c.add(g("zdiffstore", f -> cat(f.key(), "1", f.key())));
        c.add(g("zintercard", f -> cat(f.pick(new String[] {"1", "2", "0"}), f.keys(1, 2),
            f.chance(30) ? List.of("LIMIT", f.integer()) : List.of())));
        c.add(g("zscan", CompareRule.SCAN_ALL, f -> cat(f.key(), "0",
            f.chance(30) ? List.of("MATCH", f.pick(new String[] {"*", "m*", "a"})) : List.of())));
        c.add(g("zrandmember", CompareRule.SHAPE, f -> cat(f.key(), f.pick(new String[] {"1", "2", "5"}))));
        return c;
    }

    /** Returns a seed derived from a master seed and an episode number, printed so one episode can be replayed. */
    static long episodeSeed(final long master, final int episode) {
        return new Random(master * 1_000_003L + episode).nextLong();
    }
}
