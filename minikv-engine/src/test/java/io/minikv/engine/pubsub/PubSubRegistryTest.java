package io.minikv.engine.pubsub;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The registry alone: subscribe and unsubscribe bookkeeping, receiver counts as Redis's PUBLISH reports them, glob
 * patterns, shard channels apart from the others, and the PUBSUB introspection answers.
 */
class PubSubRegistryTest {
    private final PubSubRegistry registry = new PubSubRegistry();

    private static byte[] b(final String s) {
        return s.getBytes(UTF_8);
    }

    /** Records what it is given, as "kind pattern channel message". */
    private static final class Recorder implements Subscriber {
        final List<String> got = new ArrayList<>();

        @Override
        public void deliver(final int kind, final byte[] pattern, final byte[] channel, final byte[] message) {
            got.add(kind + " " + (pattern == null ? "-" : new String(pattern, UTF_8)) + " "
                + new String(channel, UTF_8) + " " + new String(message, UTF_8));
        }
    }

    @Test
    void shouldCountEachSubscriberOnceAndDropEmptyChannels() {
        final Recorder a = new Recorder();
        final Recorder b = new Recorder();
        assertThat(registry.subscribe(b("ch"), a)).isTrue();
        assertThat(registry.subscribe(b("ch"), a)).isFalse();
        assertThat(registry.subscribe(b("ch"), b)).isTrue();
        assertThat(registry.numsub(b("ch"))).isEqualTo(2);
        assertThat(registry.channelCount()).isEqualTo(1);
        assertThat(registry.publish(b("ch"), b("m"))).isEqualTo(2);
        assertThat(a.got).containsExactly("0 - ch m");
        assertThat(registry.unsubscribe(b("ch"), a)).isTrue();
        assertThat(registry.unsubscribe(b("ch"), a)).isFalse();
        assertThat(registry.unsubscribe(b("other"), a)).isFalse();
        assertThat(registry.numsub(b("ch"))).isEqualTo(1);
        assertThat(registry.unsubscribe(b("ch"), b)).isTrue();
        assertThat(registry.numsub(b("ch"))).isZero();
        assertThat(registry.channelCount()).isZero();
        assertThat(registry.channels(null)).isEmpty();
        assertThat(registry.publish(b("ch"), b("m"))).isZero();
    }

    @Test
    void shouldCountChannelAndPatternSubscriptionsSeparately() {
        final Recorder a = new Recorder();
        registry.subscribe(b("news.tech"), a);
        registry.psubscribe(b("news.*"), a);
        registry.psubscribe(b("*"), a);
        registry.psubscribe(b("sport.*"), a);
        assertThat(registry.publish(b("news.tech"), b("hi"))).isEqualTo(3);
        assertThat(a.got).containsExactly("0 - news.tech hi", "1 news.* news.tech hi", "1 * news.tech hi");
        assertThat(registry.numpat()).isEqualTo(3);
        assertThat(registry.numsub(b("news.tech"))).isEqualTo(1);
    }

    @Test
    void shouldMatchPatternsWithTheKeysGlobRules() {
        final Recorder a = new Recorder();
        registry.psubscribe(b("h?llo"), a);
        registry.psubscribe(b("h[ae]llo"), a);
        registry.psubscribe(b("h[^e]llo"), a);
        registry.psubscribe(b("h\\*llo"), a);
        assertThat(registry.publish(b("hello"), b("1"))).isEqualTo(2);
        assertThat(registry.publish(b("hallo"), b("2"))).isEqualTo(3);
        assertThat(registry.publish(b("h*llo"), b("3"))).isEqualTo(3);
        assertThat(registry.publish(b("hllo"), b("4"))).isZero();
    }

    @Test
    void shouldCountDistinctPatternsAndRemoveThemWithTheirLastSubscriber() {
        final Recorder a = new Recorder();
        final Recorder b = new Recorder();
        assertThat(registry.psubscribe(b("p*"), a)).isTrue();
        assertThat(registry.psubscribe(b("p*"), a)).isFalse();
        assertThat(registry.psubscribe(b("p*"), b)).isTrue();
        assertThat(registry.numpat()).isEqualTo(1);
        assertThat(registry.publish(b("px"), b("m"))).isEqualTo(2);
        assertThat(registry.punsubscribe(b("p*"), a)).isTrue();
        assertThat(registry.punsubscribe(b("p*"), a)).isFalse();
        assertThat(registry.punsubscribe(b("q*"), a)).isFalse();
        assertThat(registry.numpat()).isEqualTo(1);
        assertThat(registry.punsubscribe(b("p*"), b)).isTrue();
        assertThat(registry.numpat()).isZero();
        assertThat(registry.publish(b("px"), b("m"))).isZero();
    }

    @Test
    void shouldKeepShardChannelsApart() {
        final Recorder a = new Recorder();
        registry.ssubscribe(b("s"), a);
        registry.psubscribe(b("*"), a);
        assertThat(registry.spublish(b("s"), b("x"))).isEqualTo(1);
        assertThat(a.got).containsExactly("2 - s x");
        assertThat(registry.publish(b("s"), b("y"))).isEqualTo(1);
        assertThat(registry.shardNumsub(b("s"))).isEqualTo(1);
        assertThat(registry.numsub(b("s"))).isZero();
        assertThat(registry.shardChannelCount()).isEqualTo(1);
        assertThat(registry.channels(null)).isEmpty();
        assertThat(registry.shardChannels(null)).extracting(c -> new String(c, UTF_8)).containsExactly("s");
        assertThat(registry.sunsubscribe(b("s"), a)).isTrue();
        assertThat(registry.spublish(b("s"), b("x"))).isZero();
    }

    @Test
    void shouldListActiveChannelsMatchingAPattern() {
        final Recorder a = new Recorder();
        registry.subscribe(b("a1"), a);
        registry.subscribe(b("a2"), a);
        registry.subscribe(b("b1"), a);
        registry.subscribe(new byte[] {0, (byte) 0xff}, a);
        assertThat(registry.channels(b("a*"))).extracting(c -> new String(c, UTF_8))
            .containsExactlyInAnyOrder("a1", "a2");
        assertThat(registry.channels(null)).hasSize(4);
        assertThat(registry.channels(new byte[] {0, '*'})).containsExactly(new byte[] {0, (byte) 0xff});
    }

    @Test
    void shouldNotBeAffectedByChangesToTheCallersArrays() {
        final Recorder a = new Recorder();
        final byte[] channel = b("ch");
        final byte[] pattern = b("c*");
        registry.subscribe(channel, a);
        registry.psubscribe(pattern, a);
        channel[0] = 'x';
        pattern[0] = 'x';
        assertThat(registry.numsub(b("ch"))).isEqualTo(1);
        assertThat(registry.publish(b("ch"), b("m"))).isEqualTo(2);
    }
}
