package io.minikv.engine;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.Expiration;
import io.minikv.api.ExpireCondition;
import io.minikv.api.KvException;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ScanResult;
import io.minikv.api.SetArgs;
import io.minikv.api.SetCondition;

/**
 * Long random operation sequences against an on-heap model (a HashMap plus deadlines) with a manual clock, across
 * many segment growths. Seeded: {@code -Dminikv.model.seed=...} replays a failure, {@code -Dminikv.model.ops=...}
 * makes the run longer.
 */
class EngineModelTest {
    private static final long T0 = 1_700_000_000_000L;

    private static final class Entry {
        final byte[] value;
        long expireAt;

        Entry(final byte[] value, final long expireAt) {
            this.value = value;
            this.expireAt = expireAt;
        }
    }

    private final Map<String, Entry> model = new HashMap<>();
    private final ManualClock clock = new ManualClock(T0);
    private Random random;

    @Test
    void shouldBehaveAsTheModel() {
        final long seed = Long.getLong("minikv.model.seed", System.nanoTime());
        final int ops = Integer.getInteger("minikv.model.ops", 100_000);
        random = new Random(seed);
        final String context = "seed " + seed + " (replay with -Dminikv.model.seed=" + seed + ")";
        try (KvStore store = MiniKv.open(KvOptions.builder().clock(clock).activeExpiry(false).initialCapacity(1)
            .build())) {
            final Engine engine = Engine.of(store);
            int keySpace = 64;
            for (int i = 0; i < ops; i++) {
                if (i % 20_000 == 0) {
                    keySpace = keySpace >= 20_000 ? 64 : keySpace * 4;
                }
                final String key = "k" + random.nextInt(keySpace);
                final int op = random.nextInt(100);
                final String where = context + ", op #" + i + " (" + op + ") on " + key;
                try {
                    step(store, engine, op, key, keySpace, where);
                } catch (final AssertionError e) {
                    throw e;
                } catch (final RuntimeException e) {
                    throw new AssertionError(where + ": " + e, e);
                }
            }
            assertThat(liveKeys()).as(context).isEqualTo(scanAll(store));
        }
    }

    private void step(final KvStore store, final Engine engine, final int op, final String key, final int keySpace,
        final String where) {
        final byte[] k = key.getBytes(ISO_8859_1);
        final long now = clock.millis();
        live(key, now);
        if (op < 20) {
            final byte[] value = randomValue();
            final SetArgs args = randomSetArgs();
            final Entry old = model.get(key);
            final boolean ok = args.condition() == SetCondition.ALWAYS
                || (args.condition() == SetCondition.IF_ABSENT) == (old == null);
            assertThat(store.set(k, value, args)).as(where).isEqualTo(ok);
            if (ok) {
                final Expiration e = args.expiration();
                long at = e == null ? 0 : e.deadlineMillis(now, "set");
                if (e != null && e.kind() == Expiration.Kind.KEEP_TTL) {
                    at = old == null ? 0 : old.expireAt;
                }
                if (e != null && e.kind() != Expiration.Kind.KEEP_TTL && at <= now) {
                    model.remove(key);
                } else {
                    model.put(key, new Entry(value, at));
                }
            }
        } else if (op < 40) {
            final Entry e = model.get(key);
            assertThat(store.get(k)).as(where).isEqualTo(e == null ? null : e.value);
        } else if (op < 45) {
            assertThat(store.del(k)).as(where).isEqualTo(model.remove(key) == null ? 0 : 1);
        } else if (op < 52) {
            final long ms = random.nextInt(3000) - 200;
            final ExpireCondition c = ExpireCondition.values()[random.nextInt(5)];
            final Entry e = model.get(key);
            final long when = now + ms;
            boolean expected = e != null;
            if (e != null) {
                switch (c) {
                    case NX:
                        expected = e.expireAt == 0;
                        break;
                    case XX:
                        expected = e.expireAt != 0;
                        break;
                    case GT:
                        expected = e.expireAt != 0 && when > e.expireAt;
                        break;
                    case LT:
                        expected = e.expireAt == 0 || when < e.expireAt;
                        break;
                    default:
                        break;
                }
            }
            assertThat(store.pexpire(k, ms, c)).as(where).isEqualTo(expected);
            if (expected) {
                if (when <= now) {
                    model.remove(key);
                } else {
                    e.expireAt = when;
                }
            }
        } else if (op < 55) {
            final Entry e = model.get(key);
            final boolean had = e != null && e.expireAt != 0;
            assertThat(store.persist(k)).as(where).isEqualTo(had);
            if (had) {
                e.expireAt = 0;
            }
        } else if (op < 62) {
            final Entry e = model.get(key);
            final long expected = e == null ? -2 : e.expireAt == 0 ? -1 : e.expireAt - now;
            assertThat(store.pttl(k)).as(where).isEqualTo(expected);
            assertThat(store.ttl(k)).as(where).isEqualTo(expected < 0 ? expected : (expected + 500) / 1000);
        } else if (op < 68) {
            final Entry e = model.get(key);
            Long current = 0L;
            if (e != null) {
                current = parse(e.value);
            }
            if (current == null) {
                assertThat(intError(() -> store.incrby(k, 3))).as(where).isTrue();
            } else {
                assertThat(store.incrby(k, 3)).as(where).isEqualTo(current + 3);
                model.put(key, new Entry(Long.toString(current + 3).getBytes(ISO_8859_1), e == null ? 0 : e.expireAt));
            }
        } else if (op < 73) {
            final byte[] suffix = randomValue();
            final Entry e = model.get(key);
            final byte[] joined = e == null ? suffix : concat(e.value, suffix);
            assertThat(store.append(k, suffix)).as(where).isEqualTo(joined.length);
            model.put(key, new Entry(joined, e == null ? 0 : e.expireAt));
        } else if (op < 77) {
            final String other = "k" + random.nextInt(keySpace);
            live(other, now);
            final Entry e = model.get(key);
            if (e == null) {
                assertThat(intError(() -> store.rename(k, other.getBytes(ISO_8859_1)))).as(where).isTrue();
            } else {
                store.rename(k, other.getBytes(ISO_8859_1));
                model.remove(key);
                model.put(other, e);
            }
        } else if (op < 80) {
            final Entry e = model.remove(key);
            assertThat(store.getdel(k)).as(where).isEqualTo(e == null ? null : e.value);
        } else if (op < 84) {
            final Entry e = model.get(key);
            assertThat(store.exists(k)).as(where).isEqualTo(e == null ? 0 : 1);
            assertThat(store.strlen(k)).as(where).isEqualTo(e == null ? 0 : e.value.length);
        } else if (op < 87) {
            final int offset = random.nextInt(20);
            final byte[] value = randomValue();
            final Entry e = model.get(key);
            final byte[] old = e == null ? new byte[0] : e.value;
            if (value.length == 0) {
                assertThat(store.setrange(k, offset, value)).as(where).isEqualTo(old.length);
            } else {
                final byte[] out = Arrays.copyOf(old, Math.max(old.length, offset + value.length));
                System.arraycopy(value, 0, out, offset, value.length);
                assertThat(store.setrange(k, offset, value)).as(where).isEqualTo(out.length);
                model.put(key, new Entry(out, e == null ? 0 : e.expireAt));
            }
        } else if (op < 95) {
            clock.advance(random.nextInt(400));
        } else if (op < 96) {
            if (random.nextInt(20) == 0) {
                assertThat(scanAll(store)).as(where).isEqualTo(liveKeys());
            }
        } else if (op < 97) {
            if (random.nextInt(10) != 0) {
                return;
            }
            final Set<String> keys = new HashSet<>();
            for (final byte[] kk : store.keys("k1*".getBytes(ISO_8859_1))) {
                keys.add(new String(kk, ISO_8859_1));
            }
            final Set<String> expected = new HashSet<>();
            for (final String kk : liveKeys()) {
                if (kk.startsWith("k1")) {
                    expected.add(kk);
                }
            }
            assertThat(keys).as(where).isEqualTo(expected);
        } else if (op < 98) {
            engine.runActiveExpiryCycle(now);
            assertThat(store.dbsize()).as(where).isGreaterThanOrEqualTo(liveKeys().size());
        } else {
            final Entry e = model.get(key);
            final byte[] got = store.getrange(k, 1, -2);
            final byte[] expected = e == null || e.value.length < 3 ? new byte[0]
                : Arrays.copyOfRange(e.value, 1, e.value.length - 1);
            assertThat(got).as(where).isEqualTo(expected);
        }
    }

    private void live(final String key, final long now) {
        final Entry e = model.get(key);
        if (e != null && e.expireAt != 0 && now > e.expireAt) {
            model.remove(key);
        }
    }

    private void expireModel(final long now) {
        model.values().removeIf(e -> e.expireAt != 0 && now > e.expireAt);
    }

    private Set<String> liveKeys() {
        expireModel(clock.millis());
        return new HashSet<>(model.keySet());
    }

    private static Set<String> scanAll(final KvStore store) {
        final Set<String> seen = new HashSet<>();
        long cursor = 0;
        do {
            final ScanResult r = store.scan(cursor, null, 50, null);
            for (final byte[] k : r.keys()) {
                seen.add(new String(k, ISO_8859_1));
            }
            cursor = r.cursor();
        } while (cursor != 0);
        return seen;
    }

    private byte[] randomValue() {
        final int kind = random.nextInt(10);
        if (kind == 0) {
            return Long.toString(random.nextInt(1000) - 500).getBytes(ISO_8859_1);
        }
        final int len = kind == 1 ? 0 : kind == 2 ? 200 + random.nextInt(2000) : random.nextInt(40);
        final byte[] v = new byte[len];
        random.nextBytes(v);
        return v;
    }

    private SetArgs randomSetArgs() {
        final SetCondition c = random.nextInt(4) == 0 ? SetCondition.values()[1 + random.nextInt(2)]
            : SetCondition.ALWAYS;
        final Expiration e;
        switch (random.nextInt(8)) {
            case 0:
                e = Expiration.millis(1 + random.nextInt(2000));
                break;
            case 1:
                e = Expiration.seconds(1 + random.nextInt(3));
                break;
            case 2:
                e = Expiration.KEEP_TTL;
                break;
            case 3:
                e = Expiration.atUnixMillis(clock.millis() + random.nextInt(2000) - 1000);
                break;
            default:
                e = null;
                break;
        }
        return new SetArgs(c, e);
    }

    private static Long parse(final byte[] value) {
        final String s = new String(value, ISO_8859_1);
        if (!s.matches("0|-?[1-9][0-9]{0,18}")) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (final NumberFormatException e) {
            return null;
        }
    }

    private static boolean intError(final Runnable r) {
        try {
            r.run();
            return false;
        } catch (final KvException e) {
            return true;
        }
    }

    private static byte[] concat(final byte[] a, final byte[] b) {
        final byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static List<String> sorted(final Set<String> s) {
        final List<String> l = new ArrayList<>(s);
        l.sort(null);
        return l;
    }
}
