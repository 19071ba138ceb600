package io.minikv.engine;

import static io.minikv.engine.StoreArgs.key;
import static io.minikv.engine.StoreArgs.members;

import java.util.List;
import java.util.Objects;

import io.minikv.api.GeoMember;
import io.minikv.api.GeoPosition;
import io.minikv.api.GeoResult;
import io.minikv.api.GeoSearch;
import io.minikv.api.GeoUnit;
import io.minikv.api.KvGeo;
import io.minikv.api.ZAddArgs;
import io.minikv.engine.type.GeoOps;
import io.minikv.engine.type.Written;

/**
 * The geo commands of {@link EmbeddedKvStore}, as default methods: one-line delegations to {@link GeoOps} after the
 * argument checks. Thread-safe, as the store is.
 */
interface EmbeddedGeo extends KvGeo, EmbeddedFamily {

    @Override
    default long geoadd(final byte[] key, final ZAddArgs args, final List<GeoMember> members) {
        final WriteGate[] gates = enterWrite();
        try {
            if (members.isEmpty()) {
                throw new IllegalArgumentException("at least one member is needed");
            }
            for (final GeoMember m : members) {
                Objects.requireNonNull(m.member(), "member");
            }
            final Written<Long> w = GeoOps.geoadd(keyspace(), key(key), Objects.requireNonNull(args, "args"), members);
            return modifiedIf(w.modified(), key, (long) w.reply());
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default List<GeoPosition> geopos(final byte[] key, final byte[]... members) {
        return GeoOps.geopos(keyspace(), key(key), members(members));
    }

    @Override
    default Double geodist(final byte[] key, final byte[] member1, final byte[] member2, final GeoUnit unit) {
        return GeoOps.geodist(keyspace(), key(key), Objects.requireNonNull(member1, "member1"),
            Objects.requireNonNull(member2, "member2"), Objects.requireNonNull(unit, "unit"));
    }

    @Override
    default List<String> geohash(final byte[] key, final byte[]... members) {
        return GeoOps.geohash(keyspace(), key(key), members(members));
    }

    @Override
    default List<GeoResult> geosearch(final byte[] key, final GeoSearch search) {
        return GeoOps.geosearch(keyspace(), key(key), Objects.requireNonNull(search, "search"));
    }

    @Override
    default long geosearchstore(final byte[] destination, final byte[] source, final GeoSearch search,
        final boolean storeDist) {
        final WriteGate[] gates = enterWrite();
        try {
            final Written<Long> w = GeoOps.geosearchstore(keyspace(), key(destination), key(source),
                Objects.requireNonNull(search, "search"), storeDist);
            return modifiedIf(w.modified(), destination, (long) w.reply());
        } finally {
            exitWrite(gates);
        }
    }
}
