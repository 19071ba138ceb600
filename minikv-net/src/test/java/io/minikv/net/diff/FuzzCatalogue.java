package io.minikv.net.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands the fuzz test generates, each with its argument generator and the {@link CompareRule} its replies
 * need. {@link FuzzGenerator} keeps only those the server under test lists. Stateless.
 */
final class FuzzCatalogue {

    private FuzzCatalogue() {
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

    private static FuzzGenerator.Gen g(final String name, final java.util.function.Function<FuzzGenerator, List<String>> args) {
        return new FuzzGenerator.Gen(name, CompareRule.EXACT, args, false);
    }

    private static FuzzGenerator.Gen g(final String name, final CompareRule rule,
                         final java.util.function.Function<FuzzGenerator, List<String>> args) {
        return new FuzzGenerator.Gen(name, rule, args, false);
    }

    static List<FuzzGenerator.Gen> all() {
        final List<FuzzGenerator.Gen> c = new ArrayList<>();
        // Transactions on the fuzzer's one connection: a WATCHed key fails EXEC when this connection's own commands
        // modify it, so the fuzz compares which writes signal a key (a write that changes nothing must not); queued
        // commands answer in EXEC's array. The generator ends each transaction after a few commands.
        c.add(g("multi", f -> List.of()));
        c.add(g("exec", f -> List.of()));
        c.add(g("discard", f -> List.of()));
        c.add(g("watch", f -> f.keys(1, 3)));
        c.add(g("watch", f -> f.keys(1, 3)));
        c.add(g("unwatch", f -> List.of()));
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
        c.add(g("lcs", f -> cat(f.key(), f.key(), f.chance(30) ? List.of(f.pick(new String[] {"LEN", "len", "x"}))
            : List.of(), f.chance(50) ? List.of("IDX") : List.of(), f.chance(30)
            ? List.of("MINMATCHLEN", f.chance(80) ? Integer.toString(f.rnd.nextInt(-1, 4)) : f.integer()) : List.of(),
            f.chance(40) ? List.of("WITHMATCHLEN") : List.of())));
        c.add(g("setrange", f -> cat(f.key(), f.chance(90) ? Integer.toString(f.rnd.nextInt(0, 20)) : f.integer(),
            f.value())));
        for (int i = 0; i < 2; i++) {
            c.add(g("incr", f -> cat(f.key())));
            c.add(g("incrby", f -> cat(f.key(), f.integer())));
            c.add(g("incrbyfloat", f -> cat(f.key(), f.pick(FuzzGenerator.INCR_FLOATS))));
        }
        c.add(g("decr", f -> cat(f.key())));
        c.add(g("decrby", f -> cat(f.key(), f.integer())));
        // Keys.
        c.add(g("del", f -> f.keys(1, 3)));
        c.add(g("unlink", f -> f.keys(1, 3)));
        c.add(g("exists", f -> f.keys(1, 3)));
        c.add(g("touch", f -> f.keys(1, 3)));
        c.add(g("type", f -> cat(f.key())));
        c.add(g("keys", CompareRule.UNORDERED, f -> cat(f.pick(FuzzGenerator.PATTERNS))));
        c.add(g("scan", CompareRule.SCAN_ALL, f -> cat("0", f.scanOptions())));
        c.add(g("randomkey", CompareRule.SHAPE, f -> List.of()));
        c.add(g("dbsize", f -> List.of()));
        c.add(g("role", f -> List.of()));
        // Refused on both sides (enable-debug-command no) after the arity check; inside MULTI the refusal aborts EXEC.
        c.add(g("debug", f -> f.chance(10) ? List.of()
            : cat(f.pick(new String[] {"SLEEP", "OBJECT", "RELOAD", "HELP", "x"}), f.key())));
        c.add(g("rename", f -> cat(f.key(), f.key())));
        c.add(g("renamenx", f -> cat(f.key(), f.key())));
        c.add(g("copy", f -> cat(f.key(), f.key(), f.chance(30) ? List.of("DB", f.pick(new String[] {"0", "1", "16",
            "x"})) : List.of(), f.chance(40) ? List.of("REPLACE") : List.of())));
        // DUMP: a collection's payload is a valid but different encoding (see dump.txt), so only its shape compares.
        c.add(g("dump", CompareRule.SHAPE, f -> cat(f.key())));
        // RESTORE with payloads both refuse: the errors and their order (existing key, TTL, footer, options).
        c.add(g("restore", f -> cat(f.key(), f.pick(new String[] {"0", "100", "-1", "x", f.millis()}),
            f.pick(new String[] {"junk", "", "x00v"}), f.chance(30) ? List.of("REPLACE") : List.of(),
            f.chance(20) ? List.of("ABSTTL") : List.of(), f.chance(20) ? List.of(f.pick(new String[] {"IDLETIME",
                "FREQ"}), f.pick(new String[] {"0", "-1", "256", "x"})) : List.of())));
        c.add(g("move", f -> cat(f.key(), f.pick(new String[] {"0", "1", "2", "16", "-1", "x"}))));
        c.add(g("select", f -> cat(f.pick(new String[] {"0", "0", "1", "16", "-1", "x"}))));
        c.add(g("flushdb", f -> f.chance(90) ? List.of() : List.of(f.pick(new String[] {"SYNC", "ASYNC", "x"}))));
        c.add(g("swapdb", f -> cat(f.pick(new String[] {"0", "1", "1", "2", "16", "-1", "x"}),
            f.pick(new String[] {"0", "0", "1", "2", "16", "x"}))));
        // SORT reads keys of its own (FuzzGenerator.sortKey), lists and sets; its BY and GET patterns read the other
        // keys. It sorts with ALPHA or BY nosort here: Redis 7.0 does not clear errno before its strtod, so once any
        // command met an out-of-range float (ZINCRBY 1e400), its numeric sorts fail until errno changes; sort.txt
        // covers numeric sorting. ALPHA over BY values keeps a list's order on ties (as glibc's merge sort does
        // without LIMIT) and leaves a set's to Redis's hash table, compared as multisets, as BY nosort on a set; so
        // does ALPHA without STORE, which compares C strings, for members that differ after a NUL byte.
        c.add(g("rpush", f -> cat(f.pick(new String[] {"sl1", "sl2"}), f.sortElements())));
        c.add(g("sadd", f -> cat("ss1", f.sortElements())));
        c.add(g("sort", f -> cat(f.pick(new String[] {"sl1", "sl2", "nosuch"}), "ALPHA", f.sortOptions(false, true))));
        c.add(g("sort", f -> cat(f.pick(new String[] {"sl1", "sl2"}), "BY", f.pick(new String[] {"k*", "*",
            "k*->m1"}), "ALPHA", f.sortOptions(false, false))));
        c.add(g("sort", CompareRule.UNORDERED, f -> cat(f.sortKey(), "BY", f.pick(new String[] {"nosort", "k*", "x"}),
            "ALPHA", f.sortOptions(false, false))));
        c.add(g("sort_ro", f -> cat(f.pick(new String[] {"sl1", "sl2", "nosuch"}), "ALPHA",
            f.sortOptions(f.chance(20), true))));
        c.add(g("sort", f -> cat(f.sortKey(), f.chance(50) ? List.of("BY", "nosort") : List.of("ALPHA"),
            f.sortOptions(true, true))));
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
        c.add(g("zscore", f -> cat(f.key(), f.pick(FuzzGenerator.MEMBERS))));
        c.add(g("zmscore", f -> cat(f.key(), f.members(1, 3))));
        c.add(g("zincrby", f -> cat(f.key(), f.pick(FuzzGenerator.FLOATS), f.pick(FuzzGenerator.MEMBERS))));
        c.add(g("zcard", f -> cat(f.key())));
        c.add(g("zcount", f -> cat(f.key(), f.pick(FuzzGenerator.SCORES), f.pick(FuzzGenerator.SCORES))));
        c.add(g("zlexcount", f -> cat(f.key(), f.pick(FuzzGenerator.LEX), f.pick(FuzzGenerator.LEX))));
        c.add(g("zrange", f -> f.zrangeArgs()));
        c.add(g("zrangestore", f -> cat(f.key(), f.zrangeArgs())));
        c.add(g("zrangebyscore", f -> cat(f.key(), f.pick(FuzzGenerator.SCORES), f.pick(FuzzGenerator.SCORES),
            f.chance(40) ? List.of("WITHSCORES") : List.of(),
            f.chance(30) ? List.of("LIMIT", f.integer(), f.integer()) : List.of())));
        c.add(g("zrevrangebyscore", f -> cat(f.key(), f.pick(FuzzGenerator.SCORES), f.pick(FuzzGenerator.SCORES),
            f.chance(40) ? List.of("WITHSCORES") : List.of(),
            f.chance(30) ? List.of("LIMIT", f.integer(), f.integer()) : List.of())));
        c.add(g("zrangebylex", f -> cat(f.key(), f.pick(FuzzGenerator.LEX), f.pick(FuzzGenerator.LEX),
            f.chance(30) ? List.of("LIMIT", f.integer(), f.integer()) : List.of())));
        c.add(g("zrevrangebylex", f -> cat(f.key(), f.pick(FuzzGenerator.LEX), f.pick(FuzzGenerator.LEX),
            f.chance(30) ? List.of("LIMIT", f.integer(), f.integer()) : List.of())));
        c.add(g("zrevrange", f -> cat(f.key(), f.integer(), f.integer(),
            f.chance(40) ? List.of("WITHSCORES") : List.of())));
        // No WITHSCORE: Redis 7.2 added it, the reference 7.0 answers it with an arity error (zset.txt).
        c.add(g("zrank", f -> cat(f.key(), f.pick(FuzzGenerator.MEMBERS))));
        c.add(g("zrevrank", f -> cat(f.key(), f.pick(FuzzGenerator.MEMBERS))));
        c.add(g("zpopmin", f -> f.chance(50) ? cat(f.key()) : cat(f.key(), f.integer())));
        c.add(g("zpopmax", f -> f.chance(50) ? cat(f.key()) : cat(f.key(), f.integer())));
        c.add(g("zmpop", f -> cat(f.pick(new String[] {"1", "2", "0", "x"}), f.keys(1, 2),
            f.pick(new String[] {"MIN", "MAX", "mid"}), f.chance(40) ? List.of("COUNT", f.integer()) : List.of())));
        c.add(g("zremrangebyscore", f -> cat(f.key(), f.pick(FuzzGenerator.SCORES), f.pick(FuzzGenerator.SCORES))));
        c.add(g("zremrangebyrank", f -> cat(f.key(), f.integer(), f.integer())));
        c.add(g("zremrangebylex", f -> cat(f.key(), f.pick(FuzzGenerator.LEX), f.pick(FuzzGenerator.LEX))));
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
        // Geo (sorted sets scored by geohash). No STOREDIST: glibc's sin() can put a stored distance one bit away
        // from mini-kv's (geo.txt), which later ZSCOREs would show.
        final String[] lons = {"0", "13.361389", "15.087269", "-74.006", "179.9", "-180", "180.5", "x"};
        final String[] lats = {"0", "38.115556", "37.502669", "40.7128", "-85.05112878", "85.06", "-33.9"};
        final String[] units = {"m", "km", "mi", "ft", "yd"};
        for (int i = 0; i < 2; i++) {
            c.add(g("geoadd", f -> {
                final List<String> out = new ArrayList<>(List.of(f.key()));
                if (f.chance(30)) {
                    out.add(f.pick(new String[] {"NX", "XX", "CH", "nx"}));
                }
                for (int n = f.rnd.nextInt(1, 4); n > 0; n--) {
                    out.add(f.pick(lons));
                    out.add(f.pick(lats));
                    out.add(f.pick(FuzzGenerator.MEMBERS));
                }
                return out;
            }));
        }
        c.add(g("geopos", f -> cat(f.key(), f.members(1, 3))));
        c.add(g("geohash", f -> cat(f.key(), f.members(1, 3))));
        c.add(g("geodist", f -> cat(f.key(), f.pick(FuzzGenerator.MEMBERS), f.pick(FuzzGenerator.MEMBERS),
            f.chance(60) ? List.of(f.pick(units)) : List.of())));
        for (final String name : new String[] {"geosearch", "geosearchstore"}) {
            c.add(g(name, f -> {
                final List<String> out = new ArrayList<>();
                if (name.equals("geosearchstore")) {
                    out.add(f.key());
                }
                out.add(f.key());
                out.addAll(f.chance(50) ? List.of("FROMMEMBER", f.pick(FuzzGenerator.MEMBERS))
                    : List.of("FROMLONLAT", f.pick(lons), f.pick(lats)));
                out.addAll(f.chance(60) ? List.of("BYRADIUS", f.pick(new String[] {"0", "100", "2000", "-1"}),
                    f.pick(units)) : List.of("BYBOX", f.pick(new String[] {"0", "500", "4000"}),
                    f.pick(new String[] {"300", "3000", "x"}), f.pick(units)));
                if (f.chance(40)) {
                    out.add(f.pick(new String[] {"ASC", "DESC"}));
                }
                if (f.chance(40)) {
                    out.addAll(List.of("COUNT", f.pick(new String[] {"1", "2", "0"})));
                    if (f.chance(40)) {
                        out.add("ANY");
                    }
                }
                if (name.equals("geosearch") && f.chance(50)) {
                    out.add(f.pick(new String[] {"WITHDIST", "WITHCOORD", "WITHHASH"}));
                }
                return out;
            }));
        }
        // Sets. Member order is unspecified, so listing replies compare unordered; SPOP only pops whole sets (or
        // fails), since a random partial pop would leave the two servers holding different members.
        for (int i = 0; i < 3; i++) {
            c.add(g("sadd", f -> cat(f.key(), f.members(1, 4))));
        }
        c.add(g("srem", f -> cat(f.key(), f.members(1, 3))));
        c.add(g("smembers", CompareRule.UNORDERED, f -> cat(f.key())));
        c.add(g("sismember", f -> cat(f.key(), f.pick(FuzzGenerator.MEMBERS))));
        c.add(g("smismember", f -> cat(f.key(), f.members(1, 3))));
        c.add(g("scard", f -> cat(f.key())));
        final FuzzGenerator.Gen spop = g("spop", CompareRule.UNORDERED,
            f -> cat(f.key(), f.pick(new String[] {"0", "100", "-1", "x"})));
        c.add(new FuzzGenerator.Gen(spop.name(), spop.rule(), spop.args(), true));
        c.add(g("srandmember", CompareRule.SHAPE, f -> cat(f.key(), f.pick(new String[] {"1", "2", "-3", "0", "x"}))));
        c.add(g("smove", f -> cat(f.key(), f.key(), f.pick(FuzzGenerator.MEMBERS))));
        c.add(g("sinter", CompareRule.UNORDERED, f -> f.keys(1, 3)));
        c.add(g("sunion", CompareRule.UNORDERED, f -> f.keys(1, 3)));
        c.add(g("sdiff", CompareRule.UNORDERED, f -> f.keys(1, 3)));
        c.add(g("sinterstore", f -> cat(f.key(), f.keys(1, 3))));
        c.add(g("sunionstore", f -> cat(f.key(), f.keys(1, 3))));
        c.add(g("sdiffstore", f -> cat(f.key(), f.keys(1, 3))));
        c.add(g("sintercard", f -> cat(f.pick(new String[] {"1", "2", "0", "3"}), f.keys(1, 2),
            f.chance(30) ? List.of("LIMIT", f.integer()) : List.of())));
        c.add(g("sscan", CompareRule.SCAN_ALL, f -> cat(f.key(), "0",
            f.chance(30) ? List.of("MATCH", f.pick(new String[] {"*", "m*", "a"})) : List.of())));
        // Lists (generated once the server under test lists them). Blocking forms are left out: an empty key would
        // park the fuzz connection until the timeout.
        final String[] ends = {"LEFT", "RIGHT", "left", "up"};
        for (int i = 0; i < 3; i++) {
            c.add(g("rpush", f -> cat(f.key(), f.members(1, 3))));
        }
        c.add(g("lpush", f -> cat(f.key(), f.members(1, 3))));
        c.add(g("lpushx", f -> cat(f.key(), f.members(1, 2))));
        c.add(g("rpushx", f -> cat(f.key(), f.members(1, 2))));
        c.add(g("lpop", f -> f.chance(50) ? cat(f.key()) : cat(f.key(), f.integer())));
        c.add(g("rpop", f -> f.chance(50) ? cat(f.key()) : cat(f.key(), f.integer())));
        c.add(g("llen", f -> cat(f.key())));
        c.add(g("lrange", f -> cat(f.key(), f.integer(), f.integer())));
        c.add(g("lindex", f -> cat(f.key(), f.integer())));
        c.add(g("lset", f -> cat(f.key(), f.integer(), f.pick(FuzzGenerator.MEMBERS))));
        c.add(g("linsert", f -> cat(f.key(), f.pick(new String[] {"BEFORE", "AFTER", "after", "x"}),
            f.pick(FuzzGenerator.MEMBERS), f.pick(FuzzGenerator.MEMBERS))));
        c.add(g("lrem", f -> cat(f.key(), f.integer(), f.pick(FuzzGenerator.MEMBERS))));
        c.add(g("ltrim", f -> cat(f.key(), f.integer(), f.integer())));
        c.add(g("lpos", f -> cat(f.key(), f.pick(FuzzGenerator.MEMBERS),
            f.chance(40) ? List.of("RANK", f.integer()) : List.of(),
            f.chance(40) ? List.of("COUNT", f.integer()) : List.of(),
            f.chance(30) ? List.of("MAXLEN", f.integer()) : List.of())));
        c.add(g("lmove", f -> cat(f.key(), f.key(), f.pick(ends), f.pick(ends))));
        c.add(g("rpoplpush", f -> cat(f.key(), f.key())));
        c.add(g("lmpop", f -> cat(f.pick(new String[] {"1", "2", "0", "x"}), f.keys(1, 2), f.pick(ends),
            f.chance(40) ? List.of("COUNT", f.integer()) : List.of())));
        // Hashes: small, so Redis keeps them as listpacks and HGETALL's order is insertion order on both servers.
        for (int i = 0; i < 3; i++) {
            c.add(g("hset", f -> cat(f.key(), f.fieldValues())));
        }
        c.add(g("hmset", f -> cat(f.key(), f.fieldValues())));
        c.add(g("hsetnx", f -> cat(f.key(), f.pick(FuzzGenerator.MEMBERS), f.value())));
        c.add(g("hget", f -> cat(f.key(), f.pick(FuzzGenerator.MEMBERS))));
        c.add(g("hmget", f -> cat(f.key(), f.members(1, 3))));
        c.add(g("hdel", f -> cat(f.key(), f.members(1, 3))));
        c.add(g("hexists", f -> cat(f.key(), f.pick(FuzzGenerator.MEMBERS))));
        c.add(g("hlen", f -> cat(f.key())));
        c.add(g("hstrlen", f -> cat(f.key(), f.pick(FuzzGenerator.MEMBERS))));
        c.add(g("hkeys", f -> cat(f.key())));
        c.add(g("hvals", f -> cat(f.key())));
        c.add(g("hgetall", f -> cat(f.key())));
        c.add(g("hincrby", f -> cat(f.key(), f.pick(FuzzGenerator.MEMBERS), f.integer())));
        c.add(g("hincrbyfloat", f -> cat(f.key(), f.pick(FuzzGenerator.MEMBERS),
            f.pick(FuzzGenerator.INCR_FLOATS))));
        // A count reaching the size returns the whole hash in order; smaller and negative counts are random. The
        // option comes last, so a mutation dropping the last argument never leaves the random count-less form.
        c.add(g("hrandfield", f -> cat(f.key(), f.pick(new String[] {"100", "0", "x"}),
            f.pick(new String[] {"WITHVALUES", "withvalues", "x"}))));
        c.add(g("hrandfield", CompareRule.SHAPE, f -> cat(f.key(), f.pick(new String[] {"-1", "-3", "1"}))));
        c.add(g("hscan", CompareRule.SCAN_ALL, f -> cat(f.key(), "0",
            f.chance(30) ? List.of("MATCH", f.pick(new String[] {"*", "m*", "a", "?"})) : List.of(),
            f.chance(20) ? List.of("COUNT", f.pick(new String[] {"1", "10", "0", "x"})) : List.of())));
        // Pub/sub without subscribing: the fuzzer reads one reply per command, which pushes would break.
        c.add(g("publish", f -> cat(f.key(), f.value())));
        c.add(g("spublish", f -> cat(f.key(), f.value())));
        c.add(g("pubsub", f -> cat(f.pick(new String[] {"NUMSUB", "NUMPAT", "CHANNELS", "SHARDNUMSUB", "x"}),
            f.keys(0, 2))));
        // Scripts: fixed bodies with deterministic replies over generated keys, numkeys and arguments (a script's
        // errors carry its SHA1, the same on both servers); EVALSHA of a body EVAL cached, or of none.
        final String[] scripts = {"return redis.call('get', KEYS[1])", "return redis.call('set', KEYS[1], ARGV[1])",
            "return redis.pcall('incr', KEYS[1])", "return redis.call('lpush', KEYS[1], ARGV[1])",
            "return {redis.call('type', KEYS[1]), redis.call('exists', KEYS[1]), ARGV[1]}",
            "return redis.call('hset', KEYS[1], 'f', ARGV[1])", "return redis.call('zadd', KEYS[1], 1, ARGV[1])",
            "local v = redis.call('get', KEYS[1]) if v then return #v end return false"};
        c.add(g("eval", f -> cat(f.pick(scripts), f.pick(new String[] {"1", "1", "2", "0", "-1", "x", "3"}),
            f.key(), f.value())));
        c.add(g("evalsha", f -> cat(f.pick(new String[] {"4e6d8fc8bb01276962cce5371fa795a7763657ae",
            "0000000000000000000000000000000000000000", "x"}), "1", f.key())));
        // Functions: two fixed libraries (loaded, replaced, deleted) whose functions read, write and fail over
        // generated keys; FCALL and FCALL_RO of them and of none. Libraries outlive FLUSHALL on both servers alike.
        final String[] libraries = {"#!lua name=fz1\nredis.register_function('fz_get', function(keys) "
            + "return redis.call('get', keys[1]) end)\nredis.register_function{function_name='fz_ro', "
            + "callback=function(keys, args) return {redis.call('exists', keys[1]), args[1]} end, "
            + "flags={'no-writes'}}",
            "#!lua name=fz2\nredis.register_function('fz_set', function(keys, args) "
            + "return redis.call('set', keys[1], args[1]) end)\nredis.register_function('fz_incr', "
            + "function(keys) return redis.pcall('incr', keys[1]) end)"};
        c.add(g("function", f -> f.chance(70)
            ? cat("LOAD", f.chance(50) ? List.of("REPLACE") : List.of(), f.pick(libraries))
            : cat("DELETE", f.pick(new String[] {"fz1", "fz2", "x"}))));
        final String[] functionNames = {"fz_get", "fz_ro", "fz_set", "fz_incr", "FZ_GET", "nosuch"};
        c.add(g("fcall", f -> cat(f.pick(functionNames), f.pick(new String[] {"1", "1", "0", "2", "-1", "x"}),
            f.key(), f.value())));
        c.add(g("fcall_ro", f -> cat(f.pick(functionNames), f.pick(new String[] {"1", "1", "0", "-1", "x"}),
            f.key(), f.value())));
        // ACL: introspection of the (all-permissive) default user, and rules fuzzed on a user of the fuzzer's own
        // ("fz", which acl.txt deletes first) checked with DRYRUN. ACL LIST and GETUSER fz are not fuzzed: Redis
        // lists single-command rules in its hash order (acl.txt).
        c.add(g("acl", f -> cat(f.pick(new String[] {"WHOAMI", "USERS", "CAT"}))));
        // Only the categories whose commands mini-kv has all of (not @stream's consumer groups, @admin's CLUSTER...).
        c.add(g("acl", CompareRule.UNORDERED, f -> cat("CAT", f.pick(new String[] {"hash", "set", "list", "string",
            "bitmap", "hyperloglog", "geo", "pubsub", "transaction", "x"}))));
        c.add(g("acl", f -> cat("GETUSER", f.pick(new String[] {"default", "nosuch"}))));
        // GENPASS is random (compared by shape), also when the fuzzer drops its argument.
        c.add(g("acl", CompareRule.SHAPE, f -> cat("GENPASS", f.pick(new String[] {"1", "64", "256", "4096", "0",
            "-1", "4097", "x"}))));
        final String[] aclRules = {"on", "off", "nopass", ">pw", "resetpass", "~*", "~k*", "%R~k*", "%W~*", "%RW~v*",
            "resetkeys", "allkeys", "&*", "&c*", "resetchannels", "allchannels", "+@all", "-@all", "+@read",
            "-@write", "+@string", "-@hash", "+@keyspace", "+get", "-set", "+mget", "+select|0", "+client|list",
            "-config", "allcommands", "nocommands", "+nosuch", "+@nosuch", "bogus", "reset", "(+get ~k*)", "(+set",
            "~v*)", "<pw", "#x", ""};
        c.add(g("acl", f -> {
            final List<String> out = cat("SETUSER", "fz");
            for (int n = f.rnd.nextInt(0, 5); n > 0; n--) {
                out.add(f.pick(aclRules));
            }
            return out;
        }));
        c.add(g("acl", f -> cat("DRYRUN", f.pick(new String[] {"fz", "fz", "default", "nosuch"}),
            f.pick(new String[] {"get", "set", "mget", "del", "publish", "select", "flushall", "client", "x"}),
            f.keys(0, 3))));
        // COMMAND GETKEYS over commands of every key-spec shape (ranges, steps, keynum with bad numkeys, SET's GET).
        // OBJECT is not here: its string encodings differ from Redis's after APPEND/SETRANGE/INCRBYFLOAT (README).
        c.add(g("command", f -> cat(f.pick(new String[] {"GETKEYS", "GETKEYSANDFLAGS"}),
            f.pick(new String[] {"get", "set", "mset", "del", "zunionstore", "zinter", "lmpop", "blmpop", "bzmpop",
                "sintercard", "blpop", "lmove", "object", "eval", "fcall", "ping", "nosuch"}),
            f.pick(new String[] {"2", "1", "0", "x", "2abc", "-1", "encoding", "help"}), f.keys(0, 3),
            f.chance(30) ? List.of(f.pick(new String[] {"GET", "get", "LEFT", "WEIGHTS", "0"})) : List.of())));
        // Bitmaps: offsets stay small (strings of a few hundred bytes) apart from the odd out-of-range one.
        final String[] bitOffsets = {"0", "1", "7", "8", "15", "63", "100", "-1", "4294967296", "x", "#1", "#3"};
        final String[] bitTypes = {"u1", "u8", "i8", "i5", "u63", "i64", "u64", "i0", "x8"};
        final String[] bitUnits = {"BYTE", "BIT", "bit", "x"};
        for (int i = 0; i < 2; i++) {
            c.add(g("setbit", f -> cat(f.key(), f.chance(90) ? Integer.toString(f.rnd.nextInt(0, 200))
                : f.pick(bitOffsets), f.pick(new String[] {"0", "1", "1", "2", "x"}))));
        }
        c.add(g("getbit", f -> cat(f.key(), f.chance(80) ? Integer.toString(f.rnd.nextInt(0, 200))
            : f.pick(bitOffsets))));
        c.add(g("bitcount", f -> f.chance(30) ? cat(f.key()) : cat(f.key(), f.integer(), f.integer(),
            f.chance(50) ? List.of(f.pick(bitUnits)) : List.of())));
        c.add(g("bitpos", f -> cat(f.key(), f.pick(new String[] {"0", "1", "1", "2"}),
            f.chance(70) ? List.of(f.integer()) : List.of(), f.chance(50) ? List.of(f.integer()) : List.of(),
            f.chance(40) ? List.of(f.pick(bitUnits)) : List.of())));
        c.add(g("bitop", f -> cat(f.pick(new String[] {"AND", "OR", "XOR", "NOT", "not", "x"}), f.key(),
            f.keys(1, 3))));
        c.add(g("bitfield", f -> {
            final List<String> out = cat(f.key());
            for (int n = f.rnd.nextInt(0, 4); n > 0; n--) {
                final String op = f.pick(new String[] {"GET", "SET", "INCRBY", "OVERFLOW", "get", "x"});
                out.add(op);
                if (op.equalsIgnoreCase("OVERFLOW")) {
                    out.add(f.pick(new String[] {"WRAP", "SAT", "FAIL", "fail", "x"}));
                    continue;
                }
                out.add(f.pick(bitTypes));
                out.add(f.chance(80) ? Integer.toString(f.rnd.nextInt(0, 100)) : f.pick(bitOffsets));
                if (!op.equalsIgnoreCase("GET")) {
                    out.add(f.integer());
                }
            }
            return out;
        }));
        c.add(g("bitfield_ro", f -> cat(f.key(), f.pick(new String[] {"GET", "get", "SET", "x"}), f.pick(bitTypes),
            f.chance(80) ? Integer.toString(f.rnd.nextInt(0, 100)) : f.pick(bitOffsets))));
        // HyperLogLogs: mostly a few elements; now and then a few hundred, to cross the sparse-to-dense promotion.
        for (int i = 0; i < 2; i++) {
            c.add(g("pfadd", f -> {
                final List<String> out = cat(f.key());
                final int n = f.chance(5) ? f.rnd.nextInt(200, 700) : f.rnd.nextInt(0, 6);
                final int from = f.rnd.nextInt(0, 1000);
                for (int j = 0; j < n; j++) {
                    out.add(f.chance(20) ? f.value() : "e:" + (from + j));
                }
                return out;
            }));
        }
        c.add(g("pfcount", f -> cat(f.keys(1, 3))));
        c.add(g("pfmerge", f -> cat(f.key(), f.keys(0, 3))));
        c.add(g("pfdebug", f -> cat(f.pick(new String[] {"ENCODING", "DECODE", "todense", "GETREG", "x"}),
            f.key())));
        // Streams: explicit IDs only ('*' takes each server's own clock), mostly small and rising, with the odd
        // malformed one; trimming options in random order to exercise the parser's error order.
        for (int i = 0; i < 3; i++) {
            c.add(g("xadd", f -> cat(f.key(), f.chance(20) ? List.of("NOMKSTREAM") : List.of(), streamTrim(f, true),
                streamId(f, true), f.fieldValues())));
        }
        c.add(g("xlen", f -> cat(f.key())));
        c.add(g("xrange", f -> cat(f.key(), streamBound(f, "-"), streamBound(f, "+"), streamCount(f))));
        c.add(g("xrevrange", f -> cat(f.key(), streamBound(f, "+"), streamBound(f, "-"), streamCount(f))));
        c.add(g("xdel", f -> cat(f.key(), streamId(f, false), f.chance(50) ? List.of(streamId(f, false))
            : List.of())));
        c.add(g("xtrim", f -> cat(f.key(), streamTrim(f, false))));
        c.add(g("xsetid", f -> cat(f.key(), streamId(f, false),
            f.chance(30) ? List.of("ENTRIESADDED", f.integer()) : List.of(),
            f.chance(30) ? List.of("MAXDELETEDID", streamId(f, false)) : List.of())));
        c.add(g("xread", f -> {
            final List<String> keys = f.keys(1, 3);
            final List<String> out = cat(f.chance(40) ? List.of("COUNT", f.integer()) : List.of(), "STREAMS", keys);
            for (int k = 0; k < keys.size(); k++) {
                out.add(f.chance(20) ? "$" : streamId(f, false));
            }
            if (f.chance(5)) {
                out.remove(out.size() - 1);
            }
            return out;
        }));
        c.add(g("xinfo", f -> cat("STREAM", f.key(), f.chance(10) ? List.of("FULL") : List.of())));
        // Operator commands, where the reply does not depend on timing: SLOWLOG LEN by type only (which commands
        // were slow differs between the servers, a cold JIT makes mini-kv's first commands slow), and CLIENT PAUSE
        // forms that pause nothing (a real pause would hold the fuzzer's own connection).
        c.add(g("slowlog", CompareRule.SHAPE, f -> List.of("LEN")));
        c.add(g("client", f -> cat("PAUSE", f.pick(new String[] {"0", "-1", "abc", ""}),
            f.pick(new String[] {"WRITE", "ALL", "NONE"}))));
        c.add(g("client", f -> List.of("UNPAUSE")));
        c.add(g("client", f -> cat("REPLY", f.pick(new String[] {"ON", "on", "maybe"}))));
        // Consumer groups: a few group and consumer names so that commands meet each other's state. Replies holding
        // idle times compare with PTTL's tolerance; min-idle-times are 0, an hour or junk, never near a boundary.
        for (int i = 0; i < 2; i++) {
            c.add(g("xgroup", f -> cat("CREATE", f.key(), group(f), f.chance(30) ? "$" : streamId(f, false),
                f.chance(40) ? List.of("MKSTREAM") : List.of(),
                f.chance(15) ? List.of("ENTRIESREAD", f.integer()) : List.of())));
        }
        c.add(g("xgroup", f -> cat("SETID", f.key(), group(f), f.chance(20) ? "$" : streamId(f, false),
            f.chance(20) ? List.of("ENTRIESREAD", f.integer()) : List.of())));
        c.add(g("xgroup", f -> cat(f.pick(new String[] {"DESTROY", "destroy"}), f.key(), group(f))));
        c.add(g("xgroup", f -> cat(f.pick(new String[] {"CREATECONSUMER", "DELCONSUMER"}), f.key(), group(f),
            consumer(f))));
        for (int i = 0; i < 3; i++) {
            c.add(g("xreadgroup", f -> {
                final List<String> keys = f.keys(1, 2);
                final List<String> out = cat("GROUP", group(f), consumer(f),
                    f.chance(40) ? List.of("COUNT", f.integer()) : List.of(),
                    f.chance(15) ? List.of("NOACK") : List.of(), "STREAMS", keys);
                for (int k = 0; k < keys.size(); k++) {
                    out.add(f.chance(60) ? ">" : f.chance(50) ? "0" : streamId(f, false));
                }
                return out;
            }));
        }
        c.add(g("xack", f -> cat(f.key(), group(f), streamId(f, false), f.chance(50) ? List.of(streamId(f, false))
            : List.of())));
        c.add(g("xpending", f -> cat(f.key(), group(f))));
        c.add(g("xpending", CompareRule.PTTL, f -> cat(f.key(), group(f),
            f.chance(20) ? List.of("IDLE", minIdle(f)) : List.of(), streamBound(f, "-"), streamBound(f, "+"),
            f.integer(), f.chance(40) ? List.of(consumer(f)) : List.of())));
        c.add(g("xclaim", f -> cat(f.key(), group(f), consumer(f), minIdle(f), streamId(f, false),
            f.chance(40) ? List.of(streamId(f, false)) : List.of(), f.chance(30) ? List.of("JUSTID") : List.of(),
            f.chance(20) ? List.of("FORCE") : List.of(),
            f.chance(15) ? List.of(f.pick(new String[] {"RETRYCOUNT", "IDLE", "LASTID"}), f.integer()) : List.of())));
        c.add(g("xautoclaim", f -> cat(f.key(), group(f), consumer(f), minIdle(f), streamBound(f, "-"),
            f.chance(40) ? List.of("COUNT", f.integer()) : List.of(), f.chance(30) ? List.of("JUSTID") : List.of())));
        c.add(g("xinfo", f -> cat("GROUPS", f.key())));
        c.add(g("xinfo", CompareRule.PTTL, f -> cat("CONSUMERS", f.key(), group(f))));
        c.add(g("latency", f -> cat(f.pick(new String[] {"HISTORY", "GRAPH"}), f.pick(new String[] {"nosuch", "x"}))));
        c.add(g("lolwut", f -> f.chance(50) ? List.of() : List.of("VERSION", f.pick(new String[] {"7", "x", "-1"}))));
        return c;
    }

    private static String group(final FuzzGenerator f) {
        return f.pick(new String[] {"g1", "g1", "g2", "nog"});
    }

    private static String consumer(final FuzzGenerator f) {
        return f.pick(new String[] {"c1", "c2", "c3"});
    }

    /** A min-idle-time far from any idle time a fuzz run produces, or junk. */
    private static String minIdle(final FuzzGenerator f) {
        return f.pick(new String[] {"0", "0", "3600000", "-5", "x"});
    }

    /** A stream ID argument: usually {@code ms-seq} with small parts, sometimes {@code ms}, {@code ms-*} or junk. */
    private static String streamId(final FuzzGenerator f, final boolean xadd) {
        final int ms = f.rnd.nextInt(0, 40);
        final int r = f.rnd.nextInt(100);
        if (r < 70) {
            return ms + "-" + f.rnd.nextInt(0, 4);
        } else if (r < 80) {
            return Integer.toString(ms);
        } else if (r < 88 && xadd) {
            return ms + "-*";
        }
        return f.pick(new String[] {"0-0", "x", "-", "+", "1-x", "18446744073709551615-18446744073709551615", "",
            "-1", "01-1"});
    }

    private static String streamBound(final FuzzGenerator f, final String open) {
        final int r = f.rnd.nextInt(100);
        if (r < 40) {
            return open;
        }
        return r < 60 ? "(" + streamId(f, false) : streamId(f, false);
    }

    private static List<String> streamCount(final FuzzGenerator f) {
        return f.chance(40) ? List.of(f.pick(new String[] {"COUNT", "count", "LIMIT"}), f.integer()) : List.of();
    }

    private static List<String> streamTrim(final FuzzGenerator f, final boolean xadd) {
        final List<String> out = new ArrayList<>();
        if (xadd && f.chance(60)) {
            return out;
        }
        for (int n = f.rnd.nextInt(1, 3); n > 0; n--) {
            final String opt = f.pick(new String[] {"MAXLEN", "MINID", "maxlen", "LIMIT"});
            out.add(opt);
            if (f.chance(40)) {
                out.add(f.pick(new String[] {"~", "="}));
            }
            out.add(opt.equalsIgnoreCase("MINID") ? streamId(f, false) : f.integer());
        }
        return out;
    }
}
