package io.minikv.net.command;

import io.minikv.api.KvError;
import io.minikv.net.resp.CommandArgs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server's access control lists, as Redis 7.0's {@code acl.c}: the users by name (the {@code default} user
 * first created {@code on nopass ~* &* +@all}, its password kept in step with {@code requirepass}), the permission
 * check the dispatcher runs for every command of a restricted user, and the {@link AclLog}.
 * <p>
 * <b>Cost.</b> A connection whose user allows everything (the default user, unless changed) pays one volatile read
 * and one boolean test per command ({@link AclUser.Rules#unrestricted()}). Restricted users pay the check: a bit test
 * for the command, and for keys and channels the key specs' positions and a glob match per pattern.
 * <p>
 * Thread-safe: the user table is guarded by this object's monitor; checks read a user's published rules without
 * locking.
 */
public final class Acl {
    /** The command may run. */
    static final int OK = 0;
    /** Redis's {@code ACL_DENIED_CMD}. */
    static final int DENIED_CMD = 1;
    /** Redis's {@code ACL_DENIED_KEY}. */
    static final int DENIED_KEY = 2;
    /** Redis's {@code ACL_DENIED_AUTH}, only logged. */
    static final int DENIED_AUTH = 3;
    /** Redis's {@code ACL_DENIED_CHANNEL}. */
    static final int DENIED_CHANNEL = 4;
    /** The name of the user every connection starts as. */
    static final String DEFAULT_USER = "default";
    private static final int CODE_BITS = 8;

    private final AclCommandSet commands;
    /** By name, in byte order as Redis's rax: ISO-8859-1 strings compare as their bytes. */
    private final Map<String, AclUser> users = new TreeMap<>();
    private final AclUser defaultUser;
    private final AclLog log = new AclLog();

    /**
     * Creates the ACLs of a server: the default user alone.
     *
     * @param table the command table the rules name commands from.
     * @param requirePassword the default user's password, null for {@code nopass}.
     */
    Acl(final CommandTable table, final String requirePassword) {
        this.commands = new AclCommandSet(table);
        this.defaultUser = new AclUser(DEFAULT_USER, commands);
        defaultUser.rules(initialDefaultRules());
        users.put(DEFAULT_USER, defaultUser);
        defaultPassword(requirePassword);
    }

    /** Redis's {@code ACLCreateDefaultUser}: {@code +@all ~* &* on nopass}. */
    private AclUser.Rules initialDefaultRules() {
        final AclUser.Editor editor = new AclUser(DEFAULT_USER, commands).rules().edit();
        for (final String op : new String[] {"+@all", "~*", "&*", "on", "nopass"}) {
            editor.apply(op, commands);
        }
        return editor.build();
    }

    /** @return the command ids the rules use. */
    AclCommandSet commands() {
        return commands;
    }

    /** @return the log of denials. */
    AclLog log() {
        return log;
    }

    /** @return the default user. */
    AclUser defaultUser() {
        return defaultUser;
    }

    /**
     * Returns whether a connection that has not authenticated must, as Redis's {@code authRequired}: unless the
     * default user is on and {@code nopass}.
     *
     * @return true when AUTH is required.
     */
    boolean authRequired() {
        return !defaultUser.rules().openToAll();
    }

    /**
     * Sets the default user's password, as Redis's {@code ACLUpdateDefaultUserPassword} for {@code requirepass}.
     *
     * @param password the password, null or empty for {@code nopass}.
     */
    synchronized void defaultPassword(final String password) {
        final AclUser.Editor editor = defaultUser.rules().edit();
        editor.apply("resetpass", commands);
        editor.apply(password == null || password.isEmpty() ? "nopass" : ">" + password, commands);
        defaultUser.rules(editor.build());
    }

    /**
     * Looks a user up.
     *
     * @param name the name.
     * @return the user or null.
     */
    synchronized AclUser user(final String name) {
        return users.get(name);
    }

    /** @return the users, sorted by name. */
    synchronized List<AclUser> users() {
        return new ArrayList<>(users.values());
    }

    /**
     * Creates or changes a user with ACL SETUSER rules, all or nothing, as Redis's {@code aclCommand}.
     *
     * @param name the user name.
     * @param ops the rules, bytes as ISO-8859-1 characters, selectors already merged.
     * @param server the server, whose subscribers lose channels they may no longer use; null for none.
     * @return null when applied, otherwise the error reply.
     */
    String setUser(final String name, final List<String> ops, final ServerContext server) {
        final AclUser user;
        final AclUser.Rules before;
        final AclUser.Rules after;
        synchronized (this) {
            final AclUser existing = users.get(name);
            before = existing != null ? existing.rules() : new AclUser(name, commands).rules();
            final AclUser.Editor editor = before.edit();
            for (final String op : ops) {
                final AclSelector.Failure failure = editor.apply(op, commands);
                if (failure != null) {
                    return KvError.ACL_SETUSER_MODIFIER.format(op, failure.text());
                }
            }
            after = editor.build();
            user = existing != null ? existing : new AclUser(name, commands);
            user.rules(after);
            users.put(name, user);
            if (existing == null) {
                return null;
            }
        }
        if (server != null && !channelsKept(before, after)) {
            dropSubscribersBeyond(user, after, server);
        }
        return null;
    }

    /**
     * Deletes users and closes their connections (the calling one after its reply), as Redis's ACL DELUSER.
     *
     * @param names the names; {@code default} must not be among them.
     * @param caller the client deleting.
     * @return how many existed.
     */
    int deleteUsers(final List<String> names, final Client caller) {
        final List<AclUser> deleted = new ArrayList<>();
        synchronized (this) {
            for (final String name : names) {
                final AclUser user = users.remove(name);
                if (user != null) {
                    // Denies everything to its connections until they are closed.
                    user.rules(new AclUser(name, commands).rules());
                    deleted.add(user);
                }
            }
        }
        closeConnections(deleted, caller);
        return deleted.size();
    }

    /** Closes the connections authenticated as any of the users, the caller's after its reply. */
    private static void closeConnections(final List<AclUser> gone, final Client caller) {
        for (final Client c : caller.server().clients().values()) {
            if (gone.contains(c.user())) {
                if (c == caller) {
                    caller.closeAfterReply(true);
                } else {
                    c.control().kill();
                }
            }
        }
    }

    /**
     * Checks the credentials of AUTH or HELLO and, when they open a user, authenticates the client as that user;
     * otherwise logs the failure, as Redis's {@code ACLAuthenticateUser}.
     *
     * @param c the client.
     * @param name the user name.
     * @param password the password bytes.
     * @return true when authenticated.
     */
    boolean authenticate(final Client c, final String name, final byte[] password) {
        final AclUser user = user(name);
        if (user != null && user.accepts(password)) {
            c.user(user);
            c.authenticated(true);
            return true;
        }
        log.add(DENIED_AUTH, c.inMulti() ? AclLog.MULTI : AclLog.TOPLEVEL, c.args().string(0), name,
            ClientCommands.describe(c, System.currentTimeMillis()), System.currentTimeMillis());
        return false;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Checks
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Checks whether a user may run a command line, as Redis's {@code ACLCheckAllUserCommandPerm}: any selector that
     * allows the command, its keys and its channels lets it run; otherwise the most relevant denial is reported
     * (a key or channel before the command, the later argument first).
     *
     * @param rules the user's rules.
     * @param spec the command (the subcommand for containers).
     * @param args the command line.
     * @param base the index of the command name in {@code args}.
     * @return {@link #OK}, or a {@code DENIED_*} code with the argument's position relative to {@code base} above
     *     the low {@value #CODE_BITS} bits ({@link #code}, {@link #position}).
     */
    int check(final AclUser.Rules rules, final CommandSpec spec, final CommandArgs args, final int base) {
        final int id = commands.id(spec);
        int relevant = DENIED_CMD;
        int lastPosition = 0;
        List<GetKeys.Found> keys = null;
        for (final AclSelector s : rules.selectors()) {
            int result = OK;
            int position = 0;
            if (!s.allowsCommand(spec, id, args, base)) {
                result = DENIED_CMD;
            } else {
                if (!s.allKeys() && GetKeys.hasKeys(spec)) {
                    if (keys == null) {
                        keys = GetKeys.keysOf(spec, args, base);
                    }
                    for (final GetKeys.Found k : keys) {
                        if (!s.allowsKey(args.bytes(base + k.position()), permissions(k.flags()))) {
                            result = DENIED_KEY;
                            position = k.position();
                            break;
                        }
                    }
                }
                if (result == OK && !s.allChannels()) {
                    position = deniedChannel(s, spec, args, base);
                    result = position > 0 ? DENIED_CHANNEL : OK;
                }
            }
            if (result == OK) {
                return OK;
            }
            if (result > relevant || (result == relevant && position > lastPosition)) {
                relevant = result;
                lastPosition = position;
            }
        }
        return lastPosition << CODE_BITS | relevant;
    }

    /** @return the {@code DENIED_*} code of a {@link #check} result. */
    static int code(final int verdict) {
        return verdict & ((1 << CODE_BITS) - 1);
    }

    /** @return the argument position of a {@link #check} result. */
    static int position(final int verdict) {
        return verdict >>> CODE_BITS;
    }

    /** Redis's key-spec flags to ACL permissions: {@code access} reads; {@code insert}, {@code update}, {@code delete} write. */
    private static int permissions(final List<String> flags) {
        int needed = 0;
        for (final String flag : flags) {
            if (flag.equals("access")) {
                needed |= AclSelector.READ;
            } else if (flag.equals("insert") || flag.equals("update") || flag.equals("delete")) {
                needed |= AclSelector.WRITE;
            }
        }
        return needed;
    }

    /**
     * The channel arguments of PUBLISH, SPUBLISH, SUBSCRIBE, SSUBSCRIBE and PSUBSCRIBE (whose patterns must equal an
     * allowed pattern), as Redis's {@code ACLSelectorCheckCmd}; the unsubscribe commands name none.
     *
     * @return the position of the first channel denied, 0 when none is.
     */
    private static int deniedChannel(final AclSelector s, final CommandSpec spec, final CommandArgs args,
        final int base) {
        final String name = spec.name();
        final int argc = args.count() - base;
        final int last;
        if (name.equals("publish") || name.equals("spublish")) {
            last = Math.min(1, argc - 1);
        } else if (name.equals("subscribe") || name.equals("ssubscribe") || name.equals("psubscribe")) {
            last = argc - 1;
        } else {
            return 0;
        }
        final boolean literal = name.equals("psubscribe");
        for (int j = 1; j <= last; j++) {
            if (!s.allowsChannel(args.bytes(base + j), literal)) {
                return j;
            }
        }
        return 0;
    }

    /**
     * Logs a denial of a command.
     *
     * @param c the client the command ran as (the script client's caller for scripts).
     * @param user the user.
     * @param verdict the {@link #check} result.
     * @param context an {@link AclLog} context.
     * @param spec the command.
     * @param args the command line.
     * @param base the index of the command name in {@code args}.
     */
    void logDenial(final Client c, final AclUser user, final int verdict, final int context, final CommandSpec spec,
        final CommandArgs args, final int base) {
        final int code = code(verdict);
        final String object = code == DENIED_CMD ? spec.name() : args.string(base + position(verdict));
        final long now = System.currentTimeMillis();
        log.add(code, context, object, user.name(), ClientCommands.describe(c, now), now);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Pub/Sub
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Whether new rules keep every channel pattern of the old ones, Redis's shortcut before it looks at subscribers.
     */
    private static boolean channelsKept(final AclUser.Rules before, final AclUser.Rules after) {
        final List<String> upcoming = new ArrayList<>();
        for (final AclSelector s : after.selectors()) {
            if (s.allChannels()) {
                return true;
            }
            upcoming.addAll(s.channels());
        }
        for (final AclSelector s : before.selectors()) {
            if (!upcoming.containsAll(s.channels())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Disconnects the user's subscribers holding a channel or pattern the new rules no longer allow, as Redis's
     * {@code ACLKillPubsubClientsIfNeeded}. Each subscriber is examined on its own event loop, which owns its
     * subscriptions.
     */
    private static void dropSubscribersBeyond(final AclUser user, final AclUser.Rules rules,
        final ServerContext server) {
        final List<String> upcoming = new ArrayList<>();
        for (final AclSelector s : rules.selectors()) {
            upcoming.addAll(s.channels());
        }
        for (final Client c : server.clients().values()) {
            if (c.user() != user || c.pubsub() == null) {
                continue;
            }
            c.control().execute(() -> {
                final ClientPubSub pubsub = c.pubsub();
                if (pubsub != null && pubsub.subscribed() && pubsub.violates(upcoming)) {
                    c.control().kill();
                }
            });
        }
    }

    /**
     * Joins the rules of a selector spread over several arguments, {@code (~k* +get)} given as {@code (~k*} and
     * {@code +get)}, as Redis's {@code ACLMergeSelectorArguments}.
     *
     * @param args the rules as given.
     * @param unmatched receives, at 0, the index of the argument opening a selector that is never closed.
     * @return the rules with each selector in one, or null when a selector is not closed.
     */
    static List<String> mergeSelectors(final List<String> args, final int[] unmatched) {
        final List<String> ops = new ArrayList<>();
        StringBuilder selector = null;
        for (int j = 0; j < args.size(); j++) {
            final String op = args.get(j);
            final boolean closes = !op.isEmpty() && op.charAt(op.length() - 1) == ')';
            if (op.startsWith("(") && !closes) {
                selector = new StringBuilder(op);
                unmatched[0] = j;
                continue;
            }
            if (selector != null) {
                selector.append(' ').append(op);
                if (closes) {
                    ops.add(selector.toString());
                    selector = null;
                }
                continue;
            }
            ops.add(op);
        }
        return selector == null ? ops : null;
    }

    /**
     * Replaces every user with loaded ones (ACL LOAD): the default user object stays and takes the loaded default's
     * rules (a new default user's when none was loaded); the other users' connections are closed, their users gone.
     *
     * @param loaded rules by user name, in file order.
     * @param caller the client loading, closed after its reply when its user is replaced; null at startup.
     */
    void replaceUsers(final Map<String, AclUser.Rules> loaded, final Client caller) {
        final List<AclUser> replaced;
        synchronized (this) {
            replaced = new ArrayList<>(users.values());
            replaced.remove(defaultUser);
            users.clear();
            for (final Map.Entry<String, AclUser.Rules> e : loaded.entrySet()) {
                final AclUser user = e.getKey().equals(DEFAULT_USER) ? defaultUser : new AclUser(e.getKey(), commands);
                user.rules(e.getValue());
                users.put(e.getKey(), user);
            }
            if (!loaded.containsKey(DEFAULT_USER)) {
                defaultUser.rules(initialDefaultRules());
                users.put(DEFAULT_USER, defaultUser);
            }
            for (final AclUser user : replaced) {
                user.rules(new AclUser(user.name(), commands).rules());
            }
        }
        if (caller != null) {
            closeConnections(replaced, caller);
        }
    }

    /**
     * Returns a string's bytes as ISO-8859-1, the way mini-kv decodes arguments.
     *
     * @param text the text.
     * @return the bytes.
     */
    static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
