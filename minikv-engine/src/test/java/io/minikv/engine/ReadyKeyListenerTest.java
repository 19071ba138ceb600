package io.minikv.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.KvStore;

/** Which writes an engine announces to its {@link ReadyKeyListener}s, and that unannounced views stay quiet. */
class ReadyKeyListenerTest {
    private final KvStore store = MiniKv.open();
    private final Engine engine = Engine.of(store);
    private final List<String> heard = new ArrayList<>();
    private final ReadyKeyListener listener = (db, key) -> heard.add(db + ":" + new String(key, UTF_8));

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] b(final String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void shouldAnnounceWritesThatCanGiveAKeyElements() {
        engine.addReadyKeyListener(listener);
        store.rpush(b("list"), b("a"));
        store.zadd(b("zset"), 1, b("m"));
        store.zunionstore(b("union"), new byte[][] {b("zset")}, null, io.minikv.api.Aggregate.SUM);
        store.copy(b("list"), b("copy"), 3, false);
        store.database(1).lpush(b("other"), b("x"));
        store.set(b("string"), b("v"));
        store.del(b("list"));
        store.del(b("nosuch"));
        // SET and a DEL that deleted are announced too: a server's WATCH hears of them.
        assertThat(heard).containsExactly("0:list", "0:zset", "0:union", "3:copy", "1:other", "0:string", "0:list");
    }

    @Test
    void shouldKeepUnannouncedViewsAndRemovedListenersQuiet() {
        engine.addReadyKeyListener(listener);
        final KvStore quiet = engine.unannounced(0);
        quiet.rpush(b("list"), b("a"));
        quiet.database(2).rpush(b("list"), b("a"));
        assertThat(heard).isEmpty();
        assertThat(store.llen(b("list"))).isEqualTo(1);
        engine.removeReadyKeyListener(listener);
        store.rpush(b("list"), b("b"));
        assertThat(heard).isEmpty();
    }
}
