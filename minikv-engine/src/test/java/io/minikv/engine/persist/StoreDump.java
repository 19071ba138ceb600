package io.minikv.engine.persist;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.minikv.api.FieldValue;
import io.minikv.api.KvStore;
import io.minikv.api.ScoredMember;
import io.minikv.api.StreamConsumerDetail;
import io.minikv.api.StreamEntry;
import io.minikv.api.StreamGroupDetail;
import io.minikv.api.StreamId;
import io.minikv.api.StreamPendingEntry;

/** Renders every database of a store as comparable text: key, type, deadline and value per key. */
final class StoreDump {
    private StoreDump() {
    }

    static Map<String, String> of(final KvStore store) {
        final Map<String, String> out = new TreeMap<>();
        for (int d = 0; d < store.databases(); d++) {
            final KvStore db = store.database(d);
            for (final byte[] key : db.keys("*".getBytes(ISO_8859_1))) {
                out.put(d + ":" + text(key), db.type(key) + " at=" + db.pexpiretime(key) + " " + value(db, key));
            }
        }
        return out;
    }

    private static String value(final KvStore db, final byte[] key) {
        switch (db.type(key)) {
            case STRING:
                return text(db.get(key));
            case LIST:
                return texts(db.lrange(key, 0, -1));
            case SET: {
                final List<String> members = new ArrayList<>();
                db.smembers(key).forEach(m -> members.add(text(m)));
                members.sort(null);
                return members.toString();
            }
            case ZSET: {
                final StringBuilder sb = new StringBuilder();
                for (final ScoredMember m : db.zrange(key, 0, -1)) {
                    sb.append(text(m.member())).append('=').append(m.score()).append(',');
                }
                return sb.toString();
            }
            case HASH: {
                final StringBuilder sb = new StringBuilder();
                for (final FieldValue f : db.hgetall(key)) {
                    sb.append(text(f.field())).append('=').append(text(f.value())).append(',');
                }
                return sb.toString();
            }
            case STREAM: {
                final StringBuilder sb = new StringBuilder(db.xinfoStream(key).toString().replaceAll("@[0-9a-f]+", ""));
                for (final StreamEntry e : db.xrange(key, StreamId.MIN, StreamId.MAX, -1)) {
                    sb.append(' ').append(e.id()).append(':');
                    for (final FieldValue f : e.fields()) {
                        sb.append(text(f.field())).append('=').append(text(f.value())).append(',');
                    }
                }
                for (final StreamGroupDetail g : db.xinfoStreamFull(key, 0).groups()) {
                    sb.append(" group ").append(text(g.name())).append(' ').append(g.lastDeliveredId()).append(' ')
                        .append(g.entriesRead()).append(' ').append(g.lag()).append(" pel");
                    for (final StreamPendingEntry p : g.pending()) {
                        sb.append(' ').append(p.id()).append('/').append(text(p.consumer())).append('/')
                            .append(p.deliveryTimeMillis()).append('/').append(p.deliveryCount());
                    }
                    for (final StreamConsumerDetail c : g.consumers()) {
                        sb.append(" consumer ").append(text(c.name())).append('/').append(c.seenTimeMillis())
                            .append('/').append(c.pelCount());
                        for (final StreamPendingEntry p : c.pending()) {
                            sb.append(' ').append(p.id());
                        }
                    }
                }
                return sb.toString();
            }
            default:
                throw new AssertionError(db.type(key));
        }
    }

    private static String texts(final List<byte[]> values) {
        final List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(text(v)));
        return out.toString();
    }

    static String text(final byte[] b) {
        return new String(b, ISO_8859_1);
    }
}
