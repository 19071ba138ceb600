package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_ADMIN;
import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_NOSCRIPT;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;

import io.minikv.api.KvError;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * ACL and its subcommands, as Redis 7.0's {@code aclCommand}: SETUSER, GETUSER, DELUSER, LIST, USERS, WHOAMI, CAT,
 * GENPASS, LOG, DRYRUN, HELP, and LOAD / SAVE (with an ACL file, {@link AclFile}). The users and checks are in
 * {@link Acl}.
 */
final class AclCommands {
    private static final String GROUP = "server";
    private static final int FLAGS = FLAG_NOSCRIPT | FLAG_LOADING | FLAG_STALE;
    private static final int GENPASS_MAX_BITS = 4096;
    private static final int DEFAULT_GENPASS_BITS = 256;
    private static final int DEFAULT_LOG_COUNT = 10;
    private static final int CATEGORY_ERROR_MAX = 128;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] RESET = Keywords.k("RESET");
    private static final String[] HELP = {
        "ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CAT [<category>]",
        "    List all commands that belong to <category>, or all command categories",
        "    when no category is specified.",
        "DELUSER <username> [<username> ...]",
        "    Delete a list of users.",
        "DRYRUN <username> <command> [<arg> ...]",
        "    Returns whether the user can execute the given command without executing the command.",
        "GETUSER <username>",
        "    Get the user's details.",
        "GENPASS [<bits>]",
        "    Generate a secure 256-bit user password. The optional `bits` argument can",
        "    be used to specify a different size.",
        "LIST",
        "    Show users details in config file format.",
        "LOAD",
        "    Reload users from the ACL file.",
        "LOG [<count> | RESET]",
        "    Show the ACL log entries.",
        "SAVE",
        "    Save the current config to the ACL file.",
        "SETUSER <username> <attribute> [<attribute> ...]",
        "    Create or modify a user with the specified attributes.",
        "USERS",
        "    List all the registered usernames.",
        "WHOAMI",
        "    Return the current connection username.",
        "HELP",
        "    Prints this help."};

    private AclCommands() {
    }

    /**
     * Registers ACL.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        table.register(CommandSpec.of("acl", -2, GROUP, null).flags(FLAGS)
            .doc("A container for Access List Control commands", "6.0.0")
            .sub(sub("cat", -2, FLAGS, AclCommands::cat,
                "List the ACL categories or the commands inside a category"))
            .sub(sub("deluser", -3, FLAGS | FLAG_ADMIN, AclCommands::deluser,
                "Remove the specified ACL users and the associated rules"))
            .sub(CommandSpec.of("acl|dryrun", -4, GROUP, AclCommands::dryrun).flags(FLAGS | FLAG_ADMIN)
                .doc("Returns whether the user can execute the given command without executing the command.", "7.0.0")
                .build())
            .sub(sub("genpass", -2, FLAGS, AclCommands::genpass,
                "Generate a pseudorandom secure password to use for ACL users"))
            .sub(sub("getuser", 3, FLAGS | FLAG_ADMIN, AclCommands::getuser, "Get the rules for a specific ACL user"))
            .sub(sub("help", 2, FLAG_LOADING | FLAG_STALE, c -> c.reply().simpleArray(HELP),
                "Show helpful text about the different subcommands"))
            .sub(sub("list", 2, FLAGS | FLAG_ADMIN, AclCommands::list,
                "List the current ACL rules in ACL config file format"))
            .sub(sub("load", 2, FLAGS | FLAG_ADMIN, AclCommands::load, "Reload the ACLs from the configured ACL file"))
            .sub(sub("log", -2, FLAGS | FLAG_ADMIN, AclCommands::log,
                "List latest events denied because of ACLs in place"))
            .sub(sub("save", 2, FLAGS | FLAG_ADMIN, AclCommands::save,
                "Save the current ACL rules in the configured ACL file"))
            .sub(sub("setuser", -3, FLAGS | FLAG_ADMIN, AclCommands::setuser,
                "Modify or create the rules for a specific ACL user"))
            .sub(sub("users", 2, FLAGS | FLAG_ADMIN, AclCommands::users,
                "List the username of all the configured ACL rules"))
            .sub(sub("whoami", 2, FLAGS, c -> c.reply().bulk(Acl.bytes(c.user().name())),
                "Return the name of the user associated to the current connection"))
            .build());
    }

    private static CommandSpec sub(final String name, final int arity, final int flags, final CommandHandler handler,
        final String summary) {
        return CommandSpec.of("acl|" + name, arity, GROUP, handler).flags(flags).doc(summary, "6.0.0").build();
    }

    /** Redis answers a subcommand given more arguments than it takes with the subcommand syntax error. */
    private static boolean tooMany(final Client c, final int max) {
        if (c.args().count() <= max) {
            return false;
        }
        c.reply().error(KvError.SUBCOMMAND_SYNTAX.format(c.args().cString(1), "ACL"));
        return true;
    }

    /**
     * ACL SETUSER name rule...: selectors spread over several arguments are merged first, as Redis's
     * {@code ACLMergeSelectorArguments}; then every rule applies or none does.
     */
    static void setuser(final Client c) {
        final CommandArgs a = c.args();
        final String name = a.string(2);
        if (AclSelector.hasSpaces(name)) {
            c.reply().error(KvError.ACL_USERNAME_SPACES);
            return;
        }
        final List<String> rules = new ArrayList<>();
        for (int j = 3; j < a.count(); j++) {
            rules.add(a.string(j));
        }
        final int[] unmatched = new int[1];
        final List<String> ops = Acl.mergeSelectors(rules, unmatched);
        if (ops == null) {
            c.reply().error(KvError.ACL_UNMATCHED_PARENTHESIS.format(a.cString(3 + unmatched[0])));
            return;
        }
        final String error = c.server().acl().setUser(name, ops, c.server());
        if (error != null) {
            c.reply().error(error);
        } else {
            c.reply().ok();
        }
    }

    static void getuser(final Client c) {
        final Acl acl = c.server().acl();
        final AclUser user = acl.user(c.args().string(2));
        final ReplyWriter reply = c.reply();
        if (user == null) {
            reply.nullBulk();
            return;
        }
        final AclUser.Rules rules = user.rules();
        reply.array(12);
        reply.bulk("flags");
        final List<String> flags = new ArrayList<>();
        for (int i = 0; i < AclUser.FLAG_NAMES.length; i++) {
            if ((rules.flags() & (1 << i)) != 0) {
                flags.add(AclUser.FLAG_NAMES[i]);
            }
        }
        reply.array(flags.size());
        for (final String flag : flags) {
            reply.bulk(flag);
        }
        reply.bulk("passwords");
        reply.array(rules.passwords().size());
        for (final String p : rules.passwords()) {
            reply.bulk(p);
        }
        describeSelector(reply, rules.root(), acl.commands());
        reply.bulk("selectors");
        reply.array(rules.selectors().size() - 1L);
        for (final AclSelector s : rules.selectors().subList(1, rules.selectors().size())) {
            reply.array(6);
            describeSelector(reply, s, acl.commands());
        }
    }

    private static void describeSelector(final ReplyWriter reply, final AclSelector s, final AclCommandSet commands) {
        reply.bulk("commands");
        reply.bulk(Acl.bytes(s.describeCommands(commands)));
        reply.bulk("keys");
        reply.bulk(Acl.bytes(s.describeKeys()));
        reply.bulk("channels");
        reply.bulk(Acl.bytes(s.describeChannels()));
    }

    static void deluser(final Client c) {
        final CommandArgs a = c.args();
        final List<String> names = new ArrayList<>();
        for (int j = 2; j < a.count(); j++) {
            final String name = a.string(j);
            if (name.equals(Acl.DEFAULT_USER)) {
                c.reply().error(KvError.ACL_DELETE_DEFAULT);
                return;
            }
            names.add(name);
        }
        c.reply().integer(c.server().acl().deleteUsers(names, c));
    }

    static void list(final Client c) {
        final Acl acl = c.server().acl();
        final List<AclUser> users = acl.users();
        c.reply().array(users.size());
        for (final AclUser user : users) {
            c.reply().bulk(Acl.bytes(AclFile.line(user, acl.commands())));
        }
    }

    static void users(final Client c) {
        final List<AclUser> users = c.server().acl().users();
        c.reply().array(users.size());
        for (final AclUser user : users) {
            c.reply().bulk(Acl.bytes(user.name()));
        }
    }

    static void cat(final Client c) {
        if (tooMany(c, 3)) {
            return;
        }
        final ReplyWriter reply = c.reply();
        if (c.args().count() == 2) {
            reply.array(AclCommandSet.CATEGORIES.length);
            for (final String category : AclCommandSet.CATEGORIES) {
                reply.bulk(category);
            }
            return;
        }
        final String name = c.args().cString(2);
        final int category = AclCommandSet.category(name);
        if (category < 0) {
            reply.error(KvError.ACL_UNKNOWN_CATEGORY.format(
                name.length() > CATEGORY_ERROR_MAX ? name.substring(0, CATEGORY_ERROR_MAX) : name));
            return;
        }
        final AclCommandSet commands = c.server().acl().commands();
        final List<String> names = new ArrayList<>();
        for (int id = 0; id < commands.size(); id++) {
            if (commands.inCategory(id, category)) {
                names.add(commands.spec(id).name());
            }
        }
        reply.array(names.size());
        for (final String n : names) {
            reply.bulk(n);
        }
    }

    static void genpass(final Client c) {
        if (tooMany(c, 3)) {
            return;
        }
        long bits = DEFAULT_GENPASS_BITS;
        if (c.args().count() == 3) {
            if (!c.parseLongOrReply(2)) {
                return;
            }
            bits = c.args().longValue();
        }
        if (bits <= 0 || bits > GENPASS_MAX_BITS) {
            c.reply().error(KvError.ACL_GENPASS_BITS);
            return;
        }
        final char[] hex = new char[(int) ((bits + 3) / 4)];
        for (int i = 0; i < hex.length; i++) {
            hex[i] = HEX[RANDOM.nextInt(HEX.length)];
        }
        c.reply().bulk(new String(hex));
    }

    static void log(final Client c) {
        if (tooMany(c, 3)) {
            return;
        }
        final AclLog log = c.server().acl().log();
        long count = DEFAULT_LOG_COUNT;
        if (c.args().count() == 3) {
            if (c.args().is(2, RESET)) {
                log.reset();
                c.reply().ok();
                return;
            }
            if (!c.parseLongOrReply(2)) {
                return;
            }
            count = Math.max(0, c.args().longValue());
        }
        log.write(c.reply(), count, System.currentTimeMillis());
    }

    /** ACL DRYRUN user command arg...: whether the user could run the command, without running it. */
    static void dryrun(final Client c) {
        final CommandArgs a = c.args();
        final Acl acl = c.server().acl();
        final AclUser user = acl.user(a.string(2));
        if (user == null) {
            c.reply().error(KvError.ACL_DRYRUN_NO_USER.format(a.cString(2)));
            return;
        }
        CommandSpec spec = c.server().table().lookup(a, 3);
        if (spec != null && !spec.subcommands().isEmpty() && a.count() > 4) {
            spec = CommandTable.lookupSub(spec, a, 4);
        }
        if (spec == null) {
            c.reply().error(KvError.ACL_DRYRUN_NO_COMMAND.format(a.cString(3)));
            return;
        }
        if (!spec.arityOk(a.count() - 3)) {
            c.reply().error(KvError.wrongArity(spec.name()));
            return;
        }
        final int verdict = acl.check(user.rules(), spec, a, 3);
        final int code = Acl.code(verdict);
        if (verdict == Acl.OK) {
            c.reply().ok();
        } else if (code == Acl.DENIED_CMD) {
            c.reply().bulk(Acl.bytes("This user has no permissions to run the '" + spec.name() + "' command"));
        } else {
            c.reply().bulk(Acl.bytes("This user has no permissions to access the '"
                + a.string(3 + Acl.position(verdict)) + (code == Acl.DENIED_KEY ? "' key" : "' channel")));
        }
    }

    static void load(final Client c) {
        final AclFile file = c.server().aclFile();
        if (file == null) {
            c.reply().error(KvError.ACL_NO_FILE);
            return;
        }
        final String errors = file.load(c.server().acl(), c);
        if (errors == null) {
            c.reply().ok();
        } else {
            c.reply().error(KvError.ACL_LOAD_FAILED.format(errors));
        }
    }

    static void save(final Client c) {
        final AclFile file = c.server().aclFile();
        if (file == null) {
            c.reply().error(KvError.ACL_NO_FILE);
            return;
        }
        if (file.save(c.server().acl())) {
            c.reply().ok();
        } else {
            c.reply().error(KvError.ACL_SAVE_FAILED);
        }
    }
}
