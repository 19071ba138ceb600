package io.minikv.engine;

import io.minikv.api.ValueType;
import io.minikv.engine.keyspace.ObjectValue;

/** A minimal on-heap value standing in for a sorted set in tests. */
final class TestObject implements ObjectValue {
    final StringBuilder content;

    TestObject(final String content) {
        this.content = new StringBuilder(content);
    }

    @Override
    public ValueType type() {
        return ValueType.ZSET;
    }

    @Override
    public long memoryBytes() {
        return 64L + content.length();
    }

    @Override
    public String encoding() {
        return "skiplist";
    }

    @Override
    public ObjectValue copy() {
        return new TestObject(content.toString());
    }
}
