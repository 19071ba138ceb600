package io.minikv.net.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

class CommandTableTest {
    private final CommandTable table = Commands.table();

    @Test
    void shouldHoldEveryCommandOfTheServerIssue() {
        final List<String> names = table.all().stream().map(CommandSpec::name).collect(Collectors.toList());
        assertThat(names).contains("ping", "echo", "quit", "hello", "auth", "select", "client", "info", "config",
            "command", "dbsize", "flushdb", "flushall", "time", "shutdown", "function", "wait", "waitaof",
            "get", "set", "setnx", "setex", "psetex", "getset", "getdel", "getex", "mget", "mset", "msetnx",
            "append", "strlen", "getrange", "substr", "setrange", "incr", "decr", "incrby", "decrby", "incrbyfloat",
            "del", "unlink", "exists", "type", "keys", "scan", "randomkey", "rename", "renamenx", "copy", "move",
            "touch", "expire", "pexpire", "expireat", "pexpireat", "ttl", "pttl", "persist", "expiretime",
            "pexpiretime");
        assertThat(table.get("CLIENT").subcommands()).containsKeys("setname", "getname", "id", "setinfo", "list",
            "info", "kill", "no-evict", "no-touch");
        assertThat(table.get("config").subcommands()).containsKeys("get", "set", "resetstat");
        assertThat(table.get("command").subcommands()).containsKeys("count", "list", "info", "docs");
    }

    @Test
    void shouldGiveEveryCommandAHandlerOrSubcommandsAndAnArity() {
        for (final CommandSpec spec : table.all()) {
            assertThat(spec.arity()).as(spec.name()).isNotZero();
            assertThat(spec.handler() != null || !spec.subcommands().isEmpty()).as(spec.name()).isTrue();
            assertThat(spec.summary()).as(spec.name()).isNotEmpty();
            for (final CommandSpec sub : spec.subcommands().values()) {
                assertThat(sub.name()).startsWith(spec.name() + "|");
                assertThat(sub.handler()).as(sub.name()).isNotNull();
            }
        }
    }

    @Test
    void shouldCheckArityAsRedisSignedArity() {
        assertThat(table.get("get").arityOk(2)).isTrue();
        assertThat(table.get("get").arityOk(3)).isFalse();
        assertThat(table.get("set").arityOk(3)).isTrue();
        assertThat(table.get("set").arityOk(9)).isTrue();
        assertThat(table.get("set").arityOk(2)).isFalse();
    }

    /** House rule: error texts live in KvError only; a literal elsewhere drifts from Redis. */
    @Test
    void shouldKeepErrorTextsOutOfTheServerSources() throws IOException {
        final Pattern literal = Pattern.compile("\"(ERR|WRONGTYPE|NOAUTH|WRONGPASS|NOPROTO) ");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            final List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                .filter(p -> {
                    try {
                        return literal.matcher(Files.readString(p)).find();
                    } catch (final IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .map(Path::toString).collect(Collectors.toList());
            assertThat(offenders).isEmpty();
        }
    }

    @Test
    void shouldNormalizeKeyspaceEventClassesAsRedis() {
        assertThat(ConfigCommands.keyspaceEvents("Egx")).isEqualTo("gxE");
        assertThat(ConfigCommands.keyspaceEvents("AKm")).isEqualTo("AKm");
        assertThat(ConfigCommands.keyspaceEvents("nKg$lshzxetd")).isEqualTo("AKn");
        assertThat(ConfigCommands.keyspaceEvents("")).isEmpty();
        assertThat(ConfigCommands.keyspaceEvents("Q")).isNull();
    }
}
