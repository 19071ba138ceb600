package io.minikv.engine.type;

import java.util.ArrayList;
import java.util.List;

import io.minikv.api.GeoMember;
import io.minikv.api.GeoPosition;
import io.minikv.api.GeoResult;
import io.minikv.api.GeoSearch;
import io.minikv.api.GeoUnit;
import io.minikv.api.KvError;
import io.minikv.api.ScoredMember;
import io.minikv.api.ZAddArgs;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.memory.EntryLayout;
import io.minikv.engine.type.geo.GeoHash;
import io.minikv.engine.type.geo.GeoQuery;
import io.minikv.engine.type.zset.SortedSet;
import io.minikv.engine.type.zset.ZNode;

/**
 * The geo commands ({@code geo.c}): thin layers over the sorted-set engine, whose members' scores are 52-bit
 * geohashes ({@link GeoHash}). GEOADD is ZADD with encoded scores; the reads decode scores under the set's read
 * lock; GEOSEARCHSTORE locks source and destination together like ZRANGESTORE.
 * <p>
 * Thread-safe (stateless).
 */
public final class GeoOps {
    private GeoOps() {
    }

    /**
     * {@code GEOADD}: checks every position first (nothing is added when one is invalid), then ZADD.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param args NX, XX, CH.
     * @param members the members.
     * @return as ZADD.
     */
    public static Written<Long> geoadd(final Keyspace ks, final byte[] key, final ZAddArgs args,
        final List<GeoMember> members) {
        if (args.gt() || args.lt()) {
            throw KvError.SYNTAX.exception();
        }
        final List<ScoredMember> scored = new ArrayList<>(members.size());
        for (final GeoMember m : members) {
            GeoSearch.checkLonLat(m.longitude(), m.latitude());
            scored.add(new ScoredMember(m.member(), GeoHash.score(m.longitude(), m.latitude())));
        }
        return SortedSetOps.zadd(ks, key, args, scored);
    }

    /**
     * {@code GEOPOS}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param members the members.
     * @return a position or null per member.
     */
    public static List<GeoPosition> geopos(final Keyspace ks, final byte[] key, final byte[][] members) {
        return SortedSetOps.read(ks, key, set -> {
            final List<GeoPosition> out = new ArrayList<>(members.length);
            for (final byte[] m : members) {
                final ZNode n = set == null ? null : set.find(m);
                if (n == null) {
                    out.add(null);
                } else {
                    final double[] xy = GeoHash.decode(n.score());
                    out.add(new GeoPosition(xy[0], xy[1]));
                }
            }
            return out;
        });
    }

    /**
     * {@code GEODIST}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param member1 a member.
     * @param member2 another member.
     * @param unit the unit.
     * @return the distance or null.
     */
    public static Double geodist(final Keyspace ks, final byte[] key, final byte[] member1, final byte[] member2,
        final GeoUnit unit) {
        return SortedSetOps.read(ks, key, set -> {
            final ZNode a = set == null ? null : set.find(member1);
            final ZNode b = a == null ? null : set.find(member2);
            if (b == null) {
                return null;
            }
            final double[] p = GeoHash.decode(a.score());
            final double[] q = GeoHash.decode(b.score());
            return GeoHash.distance(p[0], p[1], q[0], q[1]) / unit.meters();
        });
    }

    /**
     * {@code GEOHASH}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param members the members.
     * @return an 11-character hash or null per member.
     */
    public static List<String> geohash(final Keyspace ks, final byte[] key, final byte[][] members) {
        return SortedSetOps.read(ks, key, set -> {
            final List<String> out = new ArrayList<>(members.length);
            for (final byte[] m : members) {
                final ZNode n = set == null ? null : set.find(m);
                out.add(n == null ? null : GeoHash.geohash(n.score()));
            }
            return out;
        });
    }

    /**
     * {@code GEOSEARCH}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param search the options, validated.
     * @return the results; empty for a missing key.
     */
    public static List<GeoResult> geosearch(final Keyspace ks, final byte[] key, final GeoSearch search) {
        search.validate("geosearch");
        return SortedSetOps.read(ks, key, set -> {
            final List<GeoResult> out = new ArrayList<>();
            if (set != null) {
                for (final GeoQuery.Point p : search(set, search)) {
                    out.add(new GeoResult(p.member(), p.distance(), p.hash(), p.longitude(), p.latitude()));
                }
            }
            return out;
        });
    }

    /**
     * {@code GEOSEARCHSTORE}.
     *
     * @param ks the keyspace.
     * @param destination the destination.
     * @param source the source.
     * @param search the options, validated.
     * @param storeDist score by distance instead of geohash.
     * @return the number stored; modified unless the result was empty and the destination missing.
     */
    public static Written<Long> geosearchstore(final Keyspace ks, final byte[] destination, final byte[] source,
        final GeoSearch search, final boolean storeDist) {
        ks.checkWrite();
        search.validate("geosearchstore");
        try (LockedObjects locked = new LockedObjects(ks, source, destination)) {
            final SortedSet src = (SortedSet) locked.value(0, EntryLayout.TYPE_ZSET);
            final SortedSet result = new SortedSet();
            if (src != null) {
                for (final GeoQuery.Point p : search(src, search)) {
                    result.add(storeDist ? p.distance() : p.score(), p.member(), 0);
                }
            }
            return SortedSetStoreOps.store(locked, 1, result);
        }
    }

    private static List<GeoQuery.Point> search(final SortedSet set, final GeoSearch search) {
        final double lon;
        final double lat;
        if (search.member() != null) {
            final ZNode center = set.find(search.member());
            if (center == null) {
                throw KvError.GEO_MEMBER_NOT_FOUND.exception();
            }
            final double[] xy = GeoHash.decode(center.score());
            lon = xy[0];
            lat = xy[1];
        } else {
            lon = search.longitude();
            lat = search.latitude();
        }
        return new GeoQuery(search, lon, lat).run(set, search);
    }
}
