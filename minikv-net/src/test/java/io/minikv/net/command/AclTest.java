package io.minikv.net.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.minikv.net.resp.CommandArgs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACL rules, their description and the permission checks, against the texts a redis-server 7.0.15 gives for the same
 * rules (ACL LIST, ACL GETUSER, ACL SETUSER errors, ACL DRYRUN).
 */
class AclTest {
    private static final CommandTable TABLE = Commands.table();
    private static final String PW_HASH = "30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4";

    @TempDir
    Path dir;

    private final Acl acl = new Acl(TABLE, null);

    private String set(final String user, final String... ops) {
        return acl.setUser(user, List.of(ops), null);
    }

    private String line(final String user) {
        return AclFile.line(acl.user(user), acl.commands());
    }

    private int check(final String user, final String... argv) {
        final byte[][] bytes = Arrays.stream(argv).map(s -> s.getBytes(StandardCharsets.ISO_8859_1))
            .toArray(byte[][]::new);
        final CommandArgs args = CommandArgs.of(bytes);
        CommandSpec spec = TABLE.lookup(args, 0);
        if (!spec.subcommands().isEmpty()) {
            spec = CommandTable.lookupSub(spec, args, 1);
        }
        return acl.check(acl.user(user).rules(), spec, args, 0);
    }

    @Test
    void shouldStartWithTheDefaultUserAllowedEverything() {
        assertThat(line("default")).isEqualTo("user default on nopass ~* &* +@all");
        assertThat(acl.defaultUser().rules().unrestricted()).isTrue();
        assertThat(acl.authRequired()).isFalse();
    }

    @Test
    void shouldKeepTheDefaultPasswordInStepWithRequirepass() {
        acl.defaultPassword("pw");
        assertThat(line("default")).isEqualTo("user default on #" + PW_HASH + " ~* &* +@all");
        assertThat(acl.authRequired()).isTrue();
        assertThat(acl.defaultUser().accepts("pw".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(acl.defaultUser().accepts("no".getBytes(StandardCharsets.US_ASCII))).isFalse();
        acl.defaultPassword(null);
        assertThat(line("default")).isEqualTo("user default on nopass ~* &* +@all");
    }

    @Test
    void shouldDescribeUsersAsRedis() {
        assertThat(set("alice", "on", ">pw", "~k*", "+get", "+@hash", "-hset", "&ch*", "%R~r*")).isNull();
        assertThat(line("alice")).isEqualTo("user alice on #" + PW_HASH
            + " ~k* %R~r* resetchannels &ch* -@all +@hash +get -hset");
        assertThat(set("bob")).isNull();
        assertThat(line("bob")).isEqualTo("user bob off resetchannels -@all");
        assertThat(set("bob", "+@all", "-flushall", "allkeys")).isNull();
        assertThat(line("bob")).isEqualTo("user bob off ~* resetchannels +@all -flushall");
        assertThat(set("bob", "reset")).isNull();
        assertThat(line("bob")).isEqualTo("user bob off sanitize-payload resetchannels -@all");
        assertThat(set("dan", "-@all", "+client|list", "+select|0", "+select|1")).isNull();
        assertThat(acl.user("dan").rules().root().describeCommands(acl.commands()))
            .isEqualTo("-@all +client|list +select|0 +select|1");
        assertThat(set("dan", "+client", "-client|kill")).isNull();
        assertThat(acl.user("dan").rules().root().describeCommands(acl.commands()))
            .isEqualTo("-@all +client -client|kill +select|0 +select|1");
        assertThat(set("erin", "on", "nopass", "(+get ~x)", "(+set ~y)")).isNull();
        assertThat(line("erin")).isEqualTo("user erin on nopass resetchannels -@all (~x resetchannels -@all +get)"
            + " (~y resetchannels -@all +set)");
        assertThat(set("erin", "clearselectors")).isNull();
        assertThat(line("erin")).isEqualTo("user erin on nopass resetchannels -@all");
    }

    @Test
    void shouldMergeKeyPatternPermissionsAndPasswords() {
        assertThat(set("u", "%R~a", "%W~a", "%W~b", "~c", "&x", "&x", ">a", ">a", "#" + PW_HASH)).isNull();
        final AclUser.Rules rules = acl.user("u").rules();
        assertThat(rules.root().describeKeys()).isEqualTo("~a %W~b ~c");
        assertThat(rules.root().describeChannels()).isEqualTo("&x");
        assertThat(rules.passwords()).hasSize(2).endsWith(PW_HASH);
        assertThat(set("u", "<pw", "nopass")).isNull();
        assertThat(acl.user("u").rules().passwords()).isEmpty();
        assertThat(acl.user("u").rules().flags() & AclUser.NOPASS).isNotZero();
    }

    @Test
    void shouldRefuseBadRulesWithRedisTextsAndChangeNothing() {
        assertThat(set("u", "on", "+nosuch")).isEqualTo(
            "ERR Error in ACL SETUSER modifier '+nosuch': Unknown command or category name in ACL");
        assertThat(acl.user("u")).isNull();
        assertThat(set("u", "~a b")).isEqualTo("ERR Error in ACL SETUSER modifier '~a b': Syntax error");
        assertThat(set("u", "bogus")).isEqualTo("ERR Error in ACL SETUSER modifier 'bogus': Syntax error");
        assertThat(set("u", "<nopw")).isEqualTo("ERR Error in ACL SETUSER modifier '<nopw': The password you are "
            + "trying to remove from the user does not exist");
        assertThat(set("u", "#abc")).isEqualTo("ERR Error in ACL SETUSER modifier '#abc': The password hash must be "
            + "exactly 64 characters and contain only lowercase hexadecimal characters");
        assertThat(set("u", "+config|get|x")).isEqualTo("ERR Error in ACL SETUSER modifier '+config|get|x': Allowing "
            + "first-arg of a subcommand is not supported");
        assertThat(set("u", "+get|")).isEqualTo("ERR Error in ACL SETUSER modifier '+get|': Syntax error");
        assertThat(set("u", "-get|x")).endsWith("Unknown command or category name in ACL");
        assertThat(set("u", "+@nosuch")).endsWith("Unknown command or category name in ACL");
        assertThat(set("u", "allkeys", "~x")).isEqualTo("ERR Error in ACL SETUSER modifier '~x': Adding a pattern "
            + "after the * pattern (or the 'allkeys' flag) is not valid and does not have any effect. Try 'resetkeys' "
            + "to start with an empty list of patterns");
        assertThat(set("u", "allchannels", "&x")).endsWith("Try 'resetchannels' to start with an empty list of "
            + "channels");
        assertThat(set("u", "(+get bogus)")).isEqualTo(
            "ERR Error in ACL SETUSER modifier '(+get bogus)': Syntax error");
        assertThat(acl.user("u")).isNull();
    }

    @Test
    void shouldMergeSelectorsSpreadOverArguments() {
        final int[] unmatched = new int[1];
        assertThat(Acl.mergeSelectors(List.of("on", "(+get", "~x)", "(+set)"), unmatched))
            .containsExactly("on", "(+get ~x)", "(+set)");
        assertThat(Acl.mergeSelectors(List.of("on", "(+get", "~x"), unmatched)).isNull();
        assertThat(unmatched[0]).isEqualTo(1);
    }

    @Test
    void shouldCheckCommandsKeysAndChannels() {
        set("u", "on", "nopass", "~k*", "&ch*", "+@all", "-flushall");
        assertThat(check("u", "GET", "k1")).isEqualTo(Acl.OK);
        assertThat(Acl.code(check("u", "GET", "x"))).isEqualTo(Acl.DENIED_KEY);
        assertThat(Acl.code(check("u", "FLUSHALL"))).isEqualTo(Acl.DENIED_CMD);
        final int mget = check("u", "MGET", "k1", "x", "k2", "y");
        assertThat(Acl.code(mget)).isEqualTo(Acl.DENIED_KEY);
        assertThat(Acl.position(mget)).isEqualTo(2);
        assertThat(check("u", "PUBLISH", "ch1", "m")).isEqualTo(Acl.OK);
        assertThat(Acl.code(check("u", "PUBLISH", "other", "m"))).isEqualTo(Acl.DENIED_CHANNEL);
        assertThat(Acl.position(check("u", "SUBSCRIBE", "ch1", "zz"))).isEqualTo(2);
        assertThat(Acl.code(check("u", "PSUBSCRIBE", "ch1*"))).isEqualTo(Acl.DENIED_CHANNEL);
        assertThat(check("u", "PSUBSCRIBE", "ch*")).isEqualTo(Acl.OK);
        assertThat(check("u", "UNSUBSCRIBE", "zz")).isEqualTo(Acl.OK);
        assertThat(check("u", "AUTH", "a", "b")).isEqualTo(Acl.OK);
    }

    @Test
    void shouldCheckReadAndWritePatternsByKeySpecFlags() {
        set("u", "on", "nopass", "-@all", "+get", "+set", "+copy", "+getset", "%R~r*", "%W~w*");
        assertThat(check("u", "GET", "r1")).isEqualTo(Acl.OK);
        assertThat(Acl.code(check("u", "GET", "w1"))).isEqualTo(Acl.DENIED_KEY);
        assertThat(check("u", "SET", "w1", "v")).isEqualTo(Acl.OK);
        assertThat(Acl.code(check("u", "SET", "r1", "v"))).isEqualTo(Acl.DENIED_KEY);
        assertThat(Acl.code(check("u", "GETSET", "w1", "v"))).isEqualTo(Acl.DENIED_KEY);
        assertThat(check("u", "COPY", "r1", "w1")).isEqualTo(Acl.OK);
        assertThat(Acl.position(check("u", "COPY", "w1", "r1"))).isEqualTo(1);
    }

    @Test
    void shouldAllowFirstArgumentsAndSubcommands() {
        set("u", "on", "nopass", "-@all", "+select|0", "+config|get", "allkeys");
        assertThat(check("u", "SELECT", "0")).isEqualTo(Acl.OK);
        assertThat(Acl.code(check("u", "SELECT", "1"))).isEqualTo(Acl.DENIED_CMD);
        assertThat(check("u", "CONFIG", "GET", "x")).isEqualTo(Acl.OK);
        assertThat(Acl.code(check("u", "CONFIG", "SET", "x", "y"))).isEqualTo(Acl.DENIED_CMD);
    }

    @Test
    void shouldAllowWhatAnySelectorAllowsAndReportTheMostRelevantDenial() {
        set("u", "on", "nopass", "+get", "~a", "(+set ~b)");
        assertThat(check("u", "GET", "a")).isEqualTo(Acl.OK);
        assertThat(check("u", "SET", "b", "v")).isEqualTo(Acl.OK);
        assertThat(Acl.code(check("u", "SET", "a", "v"))).isEqualTo(Acl.DENIED_KEY);
        assertThat(Acl.code(check("u", "DEL", "a"))).isEqualTo(Acl.DENIED_CMD);
        assertThat(acl.user("u").rules().unrestricted()).isFalse();
    }

    @Test
    void shouldListUsersInNameOrder() {
        set("u", "on");
        set("Z", "on");
        assertThat(acl.users()).extracting(AclUser::name).containsExactly("Z", "default", "u");
    }

    @Test
    void shouldSaveAndLoadTheAclFile() throws Exception {
        final Path path = dir.resolve("users.acl");
        final AclFile file = new AclFile(path);
        set("alice", "on", ">pw", "~k*", "+get");
        acl.defaultPassword("pw");
        assertThat(file.save(acl)).isTrue();
        assertThat(Files.readString(path)).isEqualTo("user alice on #" + PW_HASH
            + " ~k* resetchannels -@all +get\nuser default on #" + PW_HASH + " ~* &* +@all\n");
        final Acl other = new Acl(TABLE, null);
        assertThat(file.load(other, null)).isNull();
        assertThat(AclFile.line(other.user("alice"), other.commands())).isEqualTo(line("alice"));
        assertThat(other.defaultUser().accepts("pw".getBytes(StandardCharsets.US_ASCII))).isTrue();

        Files.writeString(path, "user alice on +nosuch\n\nuser bob bogus\nnot a user\nuser alice on\n");
        assertThat(file.load(other, null)).isEqualTo(path + ":1: Unknown command or category name in ACL. "
            + path + ":3: Syntax error. " + path + ":4 should start with user keyword followed by the username. "
            + "WARNING: Duplicate user 'alice' found on line 5. "
            + "WARNING: ACL errors detected, no change to the previously active ACL rules was performed");
        assertThat(other.user("alice")).isNotNull();

        Files.writeString(path, "user carol on nopass ~* +@all\n");
        assertThat(file.load(other, null)).isNull();
        assertThat(other.users()).extracting(AclUser::name).containsExactly("carol", "default");
        assertThat(AclFile.line(other.defaultUser(), other.commands())).isEqualTo(
            "user default on nopass ~* &* +@all");
        assertThat(new AclFile(dir.resolve("missing")).load(other, null)).isEqualTo(
            "Error loading ACLs, opening file '" + dir.resolve("missing") + "': No such file or directory");
    }
}
