package io.minikv.net.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bitmap family's COMMAND metadata, as redis-server 7.0.15's COMMAND INFO and COMMAND DOCS give it. */
class BitmapCommandsTest {
    private final CommandTable table = Commands.table();

    private void check(final String name, final int arity, final String[] flags, final int first, final int last,
        final String since, final String... categories) {
        final CommandSpec spec = table.get(name);
        assertThat(spec).as(name).isNotNull();
        assertThat(spec.arity()).as(name).isEqualTo(arity);
        assertThat(spec.flagNames()).as(name).containsExactly(flags);
        assertThat(new int[] {spec.firstKey(), spec.lastKey(), spec.keyStep()}).as(name)
            .containsExactly(first, last, 1);
        assertThat(spec.group()).as(name).isEqualTo("bitmap");
        assertThat(spec.since()).as(name).isEqualTo(since);
        assertThat(CommandCommands.aclCategories(spec)).as(name).containsExactly(categories);
    }

    @Test
    void shouldDescribeEveryBitmapCommandAsRedis() {
        final String[] wd = {"write", "denyoom"};
        check("setbit", 4, wd, 1, 1, "2.2.0", "@write", "@bitmap", "@slow");
        check("getbit", 3, new String[] {"readonly", "fast"}, 1, 1, "2.2.0", "@read", "@bitmap", "@fast");
        check("bitcount", -2, new String[] {"readonly"}, 1, 1, "2.6.0", "@read", "@bitmap", "@slow");
        check("bitpos", -3, new String[] {"readonly"}, 1, 1, "2.8.7", "@read", "@bitmap", "@slow");
        check("bitop", -4, wd, 2, -1, "2.6.0", "@write", "@bitmap", "@slow");
        check("bitfield", -2, wd, 1, 1, "3.2.0", "@write", "@bitmap", "@slow");
        check("bitfield_ro", -2, new String[] {"readonly", "fast"}, 1, 1, "6.0.0", "@read", "@bitmap", "@fast");
    }
}
