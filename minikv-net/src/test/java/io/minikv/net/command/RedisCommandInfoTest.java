package io.minikv.net.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Keeps the command table and Redis's COMMAND INFO metadata ({@code redis-command-info.txt}) in agreement: the flags
 * that drive behaviour and the key positions the dispatcher uses must be Redis's.
 */
class RedisCommandInfoTest {
    /** Spec flags that change what mini-kv does, by Redis name. */
    private static final Map<String, Integer> BEHAVIOUR = Map.of("write", CommandSpec.FLAG_WRITE,
        "readonly", CommandSpec.FLAG_READONLY, "denyoom", CommandSpec.FLAG_DENYOOM, "admin", CommandSpec.FLAG_ADMIN,
        "no_auth", CommandSpec.FLAG_NO_AUTH, "blocking", CommandSpec.FLAG_BLOCKING,
        "no_multi", CommandSpec.FLAG_NO_MULTI, "skip_slowlog", CommandSpec.FLAG_SKIP_SLOWLOG);
    /** Mini-kv's own command and Redis 7.2 additions, which Redis 7.0.15's table lacks. */
    private static final List<String> NOT_IN_REDIS_70 = List.of("zquery", "waitaof", "client|setinfo",
        "client|no-touch");

    private final CommandTable table = Commands.table();

    private List<CommandSpec> everySpec() {
        final List<CommandSpec> all = new ArrayList<>();
        for (final CommandSpec spec : table.all()) {
            all.add(spec);
            all.addAll(spec.subcommands().values());
        }
        return all;
    }

    @Test
    void shouldHaveRedisMetadataForEveryCommandRedisHas() {
        for (final CommandSpec spec : everySpec()) {
            if (!NOT_IN_REDIS_70.contains(spec.name())) {
                assertThat(RedisCommandInfo.get(spec.name())).as(spec.name()).isNotNull();
            }
        }
    }

    @Test
    void shouldAgreeWithRedisOnBehaviouralFlags() {
        final List<String> mismatches = new ArrayList<>();
        for (final CommandSpec spec : everySpec()) {
            final RedisCommandInfo.Info info = RedisCommandInfo.get(spec.name());
            if (info == null || (spec.handler() == null && !spec.subcommands().isEmpty())) {
                continue;
            }
            for (final Map.Entry<String, Integer> e : BEHAVIOUR.entrySet()) {
                if (info.flags().contains(e.getKey()) != spec.has(e.getValue())) {
                    mismatches.add(spec.name() + " " + e.getKey());
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void shouldRegisterTheLegacyKeyRangeTheKeySpecsGive() {
        final List<String> mismatches = new ArrayList<>();
        for (final CommandSpec spec : everySpec()) {
            final RedisCommandInfo.Info info = RedisCommandInfo.get(spec.name());
            if (info == null) {
                continue;
            }
            final int[] range = info.legacyRange();
            if (range[0] != spec.firstKey() || range[1] != spec.lastKey()
                || (range[0] != 0 && range[2] != spec.keyStep())) {
                mismatches.add(spec.name() + " registered " + spec.firstKey() + "," + spec.lastKey() + ","
                    + spec.keyStep() + " redis " + range[0] + "," + range[1] + "," + range[2]);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void shouldReportMovableKeysCommandsWithoutALegacyRange() {
        for (final String name : List.of("lmpop", "blmpop", "zmpop", "bzmpop", "sintercard", "zintercard")) {
            final RedisCommandInfo.Info info = RedisCommandInfo.get(name);
            assertThat(info.flags()).as(name).contains("movablekeys");
            assertThat(info.legacyRange()).as(name).containsExactly(0, 0, 0);
        }
        assertThat(RedisCommandInfo.get("zunionstore").legacyRange()).containsExactly(1, 1, 1);
        assertThat(RedisCommandInfo.get("blpop").legacyRange()).containsExactly(1, -2, 1);
        assertThat(RedisCommandInfo.get("mset").legacyRange()).containsExactly(1, -1, 2);
        assertThat(RedisCommandInfo.get("object|encoding").legacyRange()).containsExactly(2, 2, 1);
        assertThat(RedisCommandInfo.get("ping").legacyRange()).containsExactly(0, 0, 0);
    }

    @Test
    void shouldParseEveryKeySpecForm() {
        final KeySpec keynum = KeySpec.parse("RW,access,delete index:2 keynum:0:1:1");
        assertThat(keynum.flags()).containsExactly("RW", "access", "delete");
        assertThat(keynum.index()).isEqualTo(2);
        assertThat(keynum.findKeys()).isEqualTo(KeySpec.KEYNUM);
        final KeySpec keyword = KeySpec.parse("RO keyword:STREAMS:1 range:-1:1:2");
        assertThat(keyword.keyword()).isEqualTo("STREAMS");
        assertThat(keyword.c()).isEqualTo(2);
        final KeySpec noted = KeySpec.parse("RW,access index:1 range:0:1:0 notes:a note with spaces");
        assertThat(noted.notes()).isEqualTo("a note with spaces");
        assertThat(KeySpec.parse("RO unknown unknown").findKeys()).isEqualTo(KeySpec.UNKNOWN);
        assertThatThrownBy(() -> KeySpec.parse("RO index:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeySpec.parse("RO index:1 bogus:1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadNumkeysAsCsAtoi() {
        assertThat(GetKeys.atoi("2abc")).isEqualTo(2);
        assertThat(GetKeys.atoi(" 2")).isEqualTo(2);
        assertThat(GetKeys.atoi("-3")).isEqualTo(-3);
        assertThat(GetKeys.atoi("+4")).isEqualTo(4);
        assertThat(GetKeys.atoi("abc")).isZero();
        assertThat(GetKeys.atoi("")).isZero();
    }
}
