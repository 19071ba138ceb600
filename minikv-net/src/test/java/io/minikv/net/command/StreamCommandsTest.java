package io.minikv.net.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The stream family's COMMAND metadata, as redis-server 7.0.15's COMMAND INFO and COMMAND DOCS give it. */
class StreamCommandsTest {
    private final CommandTable table = Commands.table();

    private void check(final String name, final int arity, final String[] flags, final int first, final int last,
        final String since, final String... categories) {
        final CommandSpec spec = table.get(name);
        assertThat(spec).as(name).isNotNull();
        assertThat(spec.arity()).as(name).isEqualTo(arity);
        assertThat(spec.flagNames()).as(name).containsExactlyInAnyOrder(flags);
        assertThat(new int[] {spec.firstKey(), spec.lastKey()}).as(name).containsExactly(first, last);
        assertThat(spec.group()).as(name).isEqualTo("stream");
        assertThat(spec.since()).as(name).isEqualTo(since);
        assertThat(CommandCommands.aclCategories(spec)).as(name).containsExactly(categories);
    }

    @Test
    void shouldDescribeEveryStreamCommandAsRedis() {
        final String[] ro = {"readonly"};
        check("xadd", -5, new String[] {"write", "denyoom", "fast"}, 1, 1, "5.0.0", "@write", "@stream", "@fast");
        check("xlen", 2, new String[] {"readonly", "fast"}, 1, 1, "5.0.0", "@read", "@stream", "@fast");
        check("xrange", -4, ro, 1, 1, "5.0.0", "@read", "@stream", "@slow");
        check("xrevrange", -4, ro, 1, 1, "5.0.0", "@read", "@stream", "@slow");
        check("xdel", -3, new String[] {"write", "fast"}, 1, 1, "5.0.0", "@write", "@stream", "@fast");
        check("xtrim", -4, new String[] {"write"}, 1, 1, "5.0.0", "@write", "@stream", "@slow");
        check("xsetid", -3, new String[] {"write", "denyoom", "fast"}, 1, 1, "5.0.0", "@write", "@stream", "@fast");
        check("xread", -4, new String[] {"readonly", "blocking"}, 0, 0, "5.0.0", "@read", "@stream", "@slow",
            "@blocking");
    }
}
