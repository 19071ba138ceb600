package io.minikv.api;

import java.util.List;

/**
 * The commands of Redis's {@code geo} group (GEOADD, GEOPOS, GEODIST, GEOHASH, GEOSEARCH, GEOSEARCHSTORE).
 * <p>
 * Geo values are sorted sets: each member's score is its position's 52-bit interleaved geohash, exactly as Redis
 * stores it, so the sorted-set commands (ZRANGE, ZSCORE, ZREM...) and TYPE ({@code zset}) see what Redis shows, and
 * the geo commands read any sorted set. Positions come back as the center of the member's geohash cell (within
 * about 0.6 m of what was added); distances use the haversine formula on Redis's Earth radius (6372797.560856 m).
 * <p>
 * One of the command groups {@link KvStore} is made of; concurrency, nulls and errors are as {@link KvStore}
 * describes them.
 */
public interface KvGeo {

    /**
     * {@code GEOADD key [NX|XX] [CH] longitude latitude member [...]}: adds members at positions, or moves them, as
     * ZADD with the encoded positions as scores. O(m log n).
     *
     * @param key the key; created unless XX is given or nothing would be added.
     * @param args NX, XX and CH; GT and LT are not GEOADD options.
     * @param members at least one; each position within the limits of {@link GeoSearch#checkLonLat}.
     * @return the number added, or with CH the number added or moved.
     * @throws KvException WRONGTYPE, GEO_INVALID_LONLAT (nothing is added then), SYNTAX (GT or LT given).
     */
    long geoadd(byte[] key, ZAddArgs args, List<GeoMember> members);

    /**
     * {@code GEOPOS key member [member ...]}. O(m).
     *
     * @param key the key.
     * @param members the members.
     * @return one position per member, null where the key or member is missing.
     * @throws KvException WRONGTYPE.
     */
    List<GeoPosition> geopos(byte[] key, byte[]... members);

    /**
     * {@code GEODIST key member1 member2 [unit]}. O(1).
     *
     * @param key the key.
     * @param member1 the first member.
     * @param member2 the second member.
     * @param unit the unit of the result.
     * @return the distance, or null when the key or either member is missing.
     * @throws KvException WRONGTYPE.
     */
    Double geodist(byte[] key, byte[] member1, byte[] member2, GeoUnit unit);

    /**
     * {@code GEOHASH key member [member ...]}: the 11-character standard geohash (latitude range -90..90) of each
     * member's position, as Redis computes it (the 11th character is always {@code 0}). O(m).
     *
     * @param key the key.
     * @param members the members.
     * @return one hash per member, null where the key or member is missing.
     * @throws KvException WRONGTYPE.
     */
    List<String> geohash(byte[] key, byte[]... members);

    /**
     * {@code GEOSEARCH key FROMMEMBER|FROMLONLAT BYRADIUS|BYBOX [ASC|DESC] [COUNT n [ANY]]}: the members within the
     * shape, in the search's order. O(n + m log m) for m candidates in the up to nine geohash cells covering the
     * shape.
     *
     * @param key the key; a missing key yields an empty list.
     * @param search the selection, with a shape.
     * @return the members with distance (in the search's unit), hash and position.
     * @throws KvException WRONGTYPE, GEO_MEMBER_NOT_FOUND, GEO_NEED_BY (no shape).
     */
    List<GeoResult> geosearch(byte[] key, GeoSearch search);

    /**
     * {@code GEOSEARCHSTORE destination source ... [STOREDIST]}: stores what {@link #geosearch} would return as a
     * sorted set at destination (replacing any type and TTL), scored by geohash, or by distance in the search's
     * unit with STOREDIST; an empty result deletes destination. Atomic over both keys.
     *
     * @param destination the destination key.
     * @param source the searched key.
     * @param search the selection, with a shape.
     * @param storeDist STOREDIST.
     * @return the number of members stored.
     * @throws KvException WRONGTYPE (source), GEO_MEMBER_NOT_FOUND, GEO_NEED_BY (no shape).
     */
    long geosearchstore(byte[] destination, byte[] source, GeoSearch search, boolean storeDist);
}
