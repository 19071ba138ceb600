package io.minikv.engine.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.GeoMember;
import io.minikv.api.GeoPosition;
import io.minikv.api.GeoResult;
import io.minikv.api.GeoSearch;
import io.minikv.api.GeoUnit;
import io.minikv.api.KvError;
import io.minikv.api.KvException;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ValueType;
import io.minikv.api.ZAddArgs;

/** The geo commands through the embedded store, with results and errors checked on redis-server 7.0.15. */
class GeoOpsTest {
    private static final ZAddArgs PLAIN = ZAddArgs.PLAIN;
    private final KvStore store = MiniKv.open(KvOptions.defaults());

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] b(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(final byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static GeoMember m(final double lon, final double lat, final String member) {
        return new GeoMember(lon, lat, b(member));
    }

    private void sicily() {
        assertThat(store.geoadd(b("Sicily"), PLAIN,
            List.of(m(13.361389, 38.115556, "Palermo"), m(15.087269, 37.502669, "Catania")))).isEqualTo(2);
    }

    private static List<String> names(final List<GeoResult> results) {
        final List<String> out = new ArrayList<>();
        for (final GeoResult r : results) {
            out.add(s(r.member()));
        }
        return out;
    }

    private void assertError(final Runnable call, final String text) {
        assertThatThrownBy(call::run).isInstanceOf(KvException.class).hasMessage(text);
    }

    @Test
    void geoaddStoresGeohashScoresInASortedSet() {
        sicily();
        assertThat(store.zscore(b("Sicily"), b("Palermo"))).isEqualTo(3479099956230698.0);
        assertThat(store.type(b("Sicily"))).isEqualTo(ValueType.ZSET);
        assertThat(store.geoadd(b("Sicily"), PLAIN, List.of(m(13.361389, 38.115556, "Palermo")))).isZero();
        assertThat(store.geoadd(b("Sicily"), new ZAddArgs(false, false, false, false, true),
            List.of(m(13.5, 38.2, "Palermo"), m(12.5, 37.8, "Marsala")))).isEqualTo(2);
        assertThat(store.geoadd(b("Sicily"), new ZAddArgs(true, false, false, false, false),
            List.of(m(0, 0, "Palermo"), m(14.55, 36.99, "Ragusa")))).isEqualTo(1);
        assertThat(store.geoadd(b("Sicily"), new ZAddArgs(false, true, false, false, true),
            List.of(m(1, 1, "nosuch"), m(13.361389, 38.115556, "Palermo")))).isEqualTo(1);
        assertThat(store.zcard(b("Sicily"))).isEqualTo(4);
        assertThat(store.geoadd(b("new"), new ZAddArgs(false, true, false, false, false), List.of(m(1, 1, "a"))))
            .isZero();
        assertThat(store.exists(b("new"))).isZero();
    }

    @Test
    void geoaddRejectsInvalidPositionsAndAddsNothing() {
        assertError(() -> store.geoadd(b("g"), PLAIN, List.of(m(1, 1, "ok"), m(200, 100, "x"))),
            "ERR invalid longitude,latitude pair 200.000000,100.000000");
        assertThat(store.exists(b("g"))).isZero();
        assertError(() -> store.geoadd(b("g"), PLAIN, List.of(m(0, 85.06, "x"))),
            "ERR invalid longitude,latitude pair 0.000000,85.060000");
        assertError(() -> store.geoadd(b("g"), PLAIN, List.of(m(-0.0, 91, "x"))),
            "ERR invalid longitude,latitude pair -0.000000,91.000000");
        assertError(() -> store.geoadd(b("g"), PLAIN, List.of(m(Double.NEGATIVE_INFINITY, 0, "x"))),
            "ERR invalid longitude,latitude pair -inf,0.000000");
        assertError(() -> store.geoadd(b("g"), new ZAddArgs(false, false, true, false, false), List.of(m(1, 1, "x"))),
            KvError.SYNTAX.text());
        assertThat(store.geoadd(b("g"), PLAIN, List.of(m(180, 85.05112878, "ne"), m(-180, -85.05112878, "sw"))))
            .isEqualTo(2);
    }

    @Test
    void geoposDecodesCellCenters() {
        sicily();
        final List<GeoPosition> p = store.geopos(b("Sicily"), b("Palermo"), b("nosuch"));
        assertThat(p.get(0).longitude()).isEqualTo(13.36138933897018433);
        assertThat(p.get(0).latitude()).isEqualTo(38.11555639549629859);
        assertThat(p.get(1)).isNull();
        assertThat(store.geopos(b("missing"), b("a"))).containsExactly((GeoPosition) null);
        assertThat(store.geopos(b("Sicily"))).isEmpty();
    }

    @Test
    void geodistInEveryUnit() {
        sicily();
        // redis-server: 166274.1516 m, 166.2742 km, 103.3182 mi, 545518.8700 ft.
        final org.assertj.core.data.Offset<Double> half = org.assertj.core.data.Offset.offset(0.00005);
        assertThat(store.geodist(b("Sicily"), b("Palermo"), b("Catania"), GeoUnit.M)).isCloseTo(166274.1516, half);
        assertThat(store.geodist(b("Sicily"), b("Palermo"), b("Catania"), GeoUnit.KM)).isCloseTo(166.2742, half);
        assertThat(store.geodist(b("Sicily"), b("Palermo"), b("Catania"), GeoUnit.MI)).isCloseTo(103.3182, half);
        assertThat(store.geodist(b("Sicily"), b("Palermo"), b("Catania"), GeoUnit.FT)).isCloseTo(545518.8700, half);
        assertThat(store.geodist(b("Sicily"), b("Palermo"), b("Palermo"), GeoUnit.M)).isZero();
        assertThat(store.geodist(b("Sicily"), b("Palermo"), b("nosuch"), GeoUnit.M)).isNull();
        assertThat(store.geodist(b("Sicily"), b("nosuch"), b("Palermo"), GeoUnit.M)).isNull();
        assertThat(store.geodist(b("missing"), b("a"), b("b"), GeoUnit.KM)).isNull();
    }

    @Test
    void geohashReturnsStandardStrings() {
        sicily();
        assertThat(store.geohash(b("Sicily"), b("Palermo"), b("Catania"), b("nosuch")))
            .containsExactly("sqc8b49rny0", "sqdtr74hyu0", null);
        assertThat(store.geohash(b("missing"), b("a"))).containsExactly((String) null);
    }

    @Test
    void everyCommandChecksTheType() {
        store.set(b("str"), b("v"));
        final String wrongType = KvError.WRONGTYPE.text();
        assertError(() -> store.geoadd(b("str"), PLAIN, List.of(m(1, 1, "a"))), wrongType);
        assertError(() -> store.geopos(b("str"), b("a")), wrongType);
        assertError(() -> store.geodist(b("str"), b("a"), b("b"), GeoUnit.M), wrongType);
        assertError(() -> store.geohash(b("str"), b("a")), wrongType);
        assertError(() -> store.geosearch(b("str"), GeoSearch.fromLonLat(0, 0).byRadius(1, GeoUnit.M)), wrongType);
        assertError(() -> store.geosearchstore(b("d"), b("str"), GeoSearch.fromLonLat(0, 0).byRadius(1, GeoUnit.M),
            false), wrongType);
    }

    @Test
    void geosearchByRadiusAndBox() {
        sicily();
        final GeoSearch around = GeoSearch.fromLonLat(15, 37);
        assertThat(names(store.geosearch(b("Sicily"), around.byRadius(200, GeoUnit.KM)))).containsExactly("Palermo",
            "Catania");
        final List<GeoResult> asc = store.geosearch(b("Sicily"),
            around.byBox(400, 400, GeoUnit.KM).order(GeoSearch.Order.ASC));
        assertThat(names(asc)).containsExactly("Catania", "Palermo");
        assertThat(asc.get(0).distance()).isCloseTo(56.4413, org.assertj.core.data.Offset.offset(0.00005));
        assertThat(asc.get(0).hash()).isEqualTo(3479447370796909L);
        assertThat(asc.get(0).longitude()).isEqualTo(15.08726745843887329);
        assertThat(names(store.geosearch(b("Sicily"), around.byRadius(200, GeoUnit.KM).order(GeoSearch.Order.DESC))))
            .containsExactly("Palermo", "Catania");
        assertThat(names(store.geosearch(b("Sicily"), around.byRadius(100, GeoUnit.KM)))).containsExactly("Catania");
        assertThat(store.geosearch(b("Sicily"), around.byRadius(1, GeoUnit.M))).isEmpty();
        assertThat(names(store.geosearch(b("Sicily"), GeoSearch.fromMember(b("Palermo")).byRadius(0, GeoUnit.M))))
            .containsExactly("Palermo");
        assertThat(store.geosearch(b("missing"), GeoSearch.fromMember(b("x")).byRadius(1, GeoUnit.M))).isEmpty();
        assertError(() -> store.geosearch(b("Sicily"), GeoSearch.fromMember(b("nosuch")).byRadius(1, GeoUnit.M)),
            "ERR could not decode requested zset member");
    }

    @Test
    void geosearchCountAndAny() {
        sicily();
        final GeoSearch wide = GeoSearch.fromLonLat(15, 37).byRadius(200, GeoUnit.KM);
        // COUNT alone means the nearest ones.
        assertThat(names(store.geosearch(b("Sicily"), wide.count(1, false)))).containsExactly("Catania");
        assertThat(names(store.geosearch(b("Sicily"), wide.count(1, false).order(GeoSearch.Order.DESC))))
            .containsExactly("Palermo");
        // ANY stops at the first found, in scan order (Palermo's cell comes first here, as in Redis).
        assertThat(names(store.geosearch(b("Sicily"), wide.count(1, true)))).containsExactly("Palermo");
        assertThat(names(store.geosearch(b("Sicily"), wide.count(5, false)))).containsExactly("Catania", "Palermo");
    }

    @Test
    void searchOptionsAreValidatedWithRedisErrors() {
        assertError(() -> GeoSearch.fromLonLat(200, 37), "ERR invalid longitude,latitude pair 200.000000,37.000000");
        assertError(() -> GeoSearch.fromLonLat(0, 0).byRadius(-1, GeoUnit.KM), "ERR radius cannot be negative");
        assertError(() -> GeoSearch.fromLonLat(0, 0).byBox(1, -1, GeoUnit.KM),
            "ERR height or width cannot be negative");
        assertError(() -> GeoSearch.fromLonLat(0, 0).count(0, false), "ERR COUNT must be > 0");
        assertError(() -> store.geosearch(b("k"), GeoSearch.fromLonLat(0, 0)),
            "ERR exactly one of BYRADIUS and BYBOX can be specified for geosearch");
    }

    @Test
    void geosearchstoreStoresHashesOrDistances() {
        sicily();
        final GeoSearch wide = GeoSearch.fromLonLat(15, 37).byRadius(200, GeoUnit.KM);
        store.set(b("dst"), b("v"));
        assertThat(store.geosearchstore(b("dst"), b("Sicily"), wide, false)).isEqualTo(2);
        assertThat(store.zscore(b("dst"), b("Palermo"))).isEqualTo(3479099956230698.0);
        assertThat(store.geosearchstore(b("dst"), b("Sicily"), wide.count(1, false), true)).isEqualTo(1);
        assertThat(store.zcard(b("dst"))).isEqualTo(1);
        assertThat(store.zscore(b("dst"), b("Catania"))).isCloseTo(56.4413, org.assertj.core.data.Offset.offset(1e-4));
        // An empty result, or a missing source, deletes the destination.
        assertThat(store.geosearchstore(b("dst"), b("Sicily"), GeoSearch.fromLonLat(0, 0).byRadius(1, GeoUnit.M),
            false)).isZero();
        assertThat(store.exists(b("dst"))).isZero();
        store.set(b("dst"), b("v"));
        assertThat(store.geosearchstore(b("dst"), b("missing"), wide, false)).isZero();
        assertThat(store.exists(b("dst"))).isZero();
        // Source and destination may be the same key.
        assertThat(store.geosearchstore(b("Sicily"), b("Sicily"), wide.count(1, false), false)).isEqualTo(1);
        assertThat(store.geopos(b("Sicily"), b("Catania")).get(0)).isNotNull();
        assertThat(store.zcard(b("Sicily"))).isEqualTo(1);
    }

    @Test
    void geoValuesAreSortedSetsToGenericCommands() {
        sicily();
        store.rename(b("Sicily"), b("island"));
        assertThat(store.geohash(b("island"), b("Palermo"))).containsExactly("sqc8b49rny0");
        assertThat(store.zrem(b("island"), b("Palermo"), b("Catania"))).isEqualTo(2);
        assertThat(store.exists(b("island"))).isZero();
    }
}
