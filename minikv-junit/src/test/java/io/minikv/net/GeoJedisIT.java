package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.GeoCoordinate;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.GeoUnit;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.GeoAddParams;
import redis.clients.jedis.params.GeoRadiusParam;
import redis.clients.jedis.params.GeoSearchParam;
import redis.clients.jedis.resps.GeoRadiusResponse;
import redis.clients.jedis.resps.Tuple;

import io.minikv.junit.MiniKvExtension;

/** The geo family through Jedis: its typed replies parse what mini-kv sends, with Redis's values. */
class GeoJedisIT {
    @RegisterExtension
    static final MiniKvExtension REDIS = MiniKvExtension.builder().workers(2).build();

    private Jedis jedis;

    @BeforeEach
    void connect() {
        jedis = new Jedis(REDIS.host(), REDIS.port());
        jedis.flushAll();
        jedis.geoadd("Sicily", Map.of("Palermo", new GeoCoordinate(13.361389, 38.115556),
            "Catania", new GeoCoordinate(15.087269, 37.502669)));
    }

    @AfterEach
    void disconnect() {
        jedis.close();
    }

    private static List<String> names(final List<GeoRadiusResponse> results) {
        return results.stream().map(GeoRadiusResponse::getMemberByString).toList();
    }

    @Test
    void shouldAddAndReadPositions() {
        assertThat(jedis.geoadd("Sicily", GeoAddParams.geoAddParams().nx(), Map.of("Palermo",
            new GeoCoordinate(0, 0)))).isZero();
        assertThat(jedis.geoadd("Sicily", GeoAddParams.geoAddParams().xx().ch(), Map.of("Palermo",
            new GeoCoordinate(13.361389, 38.115556)))).isZero();
        assertThat(jedis.zscore("Sicily", "Palermo")).isEqualTo(3479099956230698.0);
        assertThat(jedis.type("Sicily")).isEqualTo("zset");
        final List<GeoCoordinate> pos = jedis.geopos("Sicily", "Palermo", "nosuch");
        assertThat(pos.get(0).getLongitude()).isEqualTo(13.36138933897018433);
        assertThat(pos.get(0).getLatitude()).isEqualTo(38.11555639549629859);
        assertThat(pos.get(1)).isNull();
        assertThat(jedis.geohash("Sicily", "Palermo", "Catania")).containsExactly("sqc8b49rny0", "sqdtr74hyu0");
        assertThat(jedis.geodist("Sicily", "Palermo", "Catania")).isEqualTo(166274.1516);
        assertThat(jedis.geodist("Sicily", "Palermo", "Catania", GeoUnit.KM)).isEqualTo(166.2742);
        assertThat(jedis.geodist("Sicily", "Palermo", "nosuch")).isNull();
        assertThatThrownBy(() -> jedis.geoadd("Sicily", 200, 100, "x")).isInstanceOf(JedisDataException.class)
            .hasMessage("ERR invalid longitude,latitude pair 200.000000,100.000000");
    }

    @Test
    void shouldSearch() {
        final List<GeoRadiusResponse> found = jedis.geosearch("Sicily", GeoSearchParam.geoSearchParam()
            .fromLonLat(15, 37).byBox(400, 400, GeoUnit.KM).asc().withCoord().withDist().withHash());
        assertThat(names(found)).containsExactly("Catania", "Palermo");
        assertThat(found.get(0).getDistance()).isEqualTo(56.4413);
        assertThat(found.get(0).getRawScore()).isEqualTo(3479447370796909L);
        assertThat(found.get(0).getCoordinate().getLongitude()).isEqualTo(15.08726745843887329);
        assertThat(names(jedis.geosearch("Sicily", new GeoCoordinate(15, 37), 200, GeoUnit.KM)))
            .containsExactlyInAnyOrder("Palermo", "Catania");
        assertThat(names(jedis.geosearch("Sicily", GeoSearchParam.geoSearchParam().fromMember("Palermo")
            .byRadius(200, GeoUnit.KM).desc().count(1)))).containsExactly("Catania");
        assertThat(names(jedis.georadius("Sicily", 15, 37, 100, GeoUnit.KM))).containsExactly("Catania");
        assertThat(names(jedis.georadiusByMemberReadonly("Sicily", "Palermo", 10, GeoUnit.KM,
            GeoRadiusParam.geoRadiusParam().withDist()))).containsExactly("Palermo");
        assertThat(jedis.geosearchStoreStoreDist("near", "Sicily", GeoSearchParam.geoSearchParam()
            .fromLonLat(15, 37).byRadius(200, GeoUnit.KM))).isEqualTo(2);
        assertThat(jedis.zrange("near", 0, -1)).containsExactly("Catania", "Palermo");
        assertThatThrownBy(() -> jedis.geosearch("Sicily", GeoSearchParam.geoSearchParam().fromMember("nosuch")
            .byRadius(1, GeoUnit.KM))).isInstanceOf(JedisDataException.class)
            .hasMessage("ERR could not decode requested zset member");
    }

    @Test
    void shouldWakeAClientBlockedOnAGeoradiusStoreKey() throws Exception {
        try (Jedis other = new Jedis(REDIS.host(), REDIS.port())) {
            final java.util.concurrent.CompletableFuture<redis.clients.jedis.util.KeyValue<String, Tuple>> popped =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> other.bzpopmin(30, "near"));
            // Store only once the client is blocked, so that only the STORE's signal can serve it.
            while (!jedis.info("clients").contains("blocked_clients:1")) {
                Thread.sleep(10);
            }
            jedis.sendCommand(redis.clients.jedis.Protocol.Command.GEORADIUS, "Sicily", "15", "37", "100", "km",
                "STORE", "near");
            assertThat(popped.get(10, java.util.concurrent.TimeUnit.SECONDS).getValue().getElement()).isEqualTo("Catania");
        }
    }
}
