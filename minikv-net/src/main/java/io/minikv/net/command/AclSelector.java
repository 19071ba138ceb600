package io.minikv.net.command;

import io.minikv.engine.keyspace.GlobMatcher;
import io.minikv.net.resp.CommandArgs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One ACL selector, as Redis 7.0's {@code aclSelector}: which commands (a bitmap over {@link AclCommandSet} ids, plus
 * the allowed first arguments of otherwise blocked commands, as {@code +select|0}), which keys (glob patterns, each
 * for reading, writing or both) and which Pub/Sub channels a user may name. Every user has a root selector; the
 * {@code (...)} rules of ACL SETUSER add more, and a command runs when any selector allows it.
 * <p>
 * Rules are applied by {@link #apply}, as Redis's {@code ACLSetSelector}, and described back by {@link #describe} in
 * the form ACL LIST prints, with Redis's heuristics (start from {@code +@all} or {@code -@all}, the best-fitting
 * categories, then single commands).
 * <p>
 * Mutable while a user is being edited ({@link AclUser}); once published it is never modified, so the event loops
 * read it without locks.
 */
final class AclSelector {
    /** Key permission: the command reads the key. */
    static final int READ = 1;
    /** Key permission: the command inserts, updates or deletes in the key. */
    static final int WRITE = 2;
    /** Both permissions, the {@code ~pattern} form. */
    static final int ALL = READ | WRITE;

    /** Why a rule was refused, with the texts of Redis's {@code ACLSetUserStringError}. */
    enum Failure {
        UNKNOWN_COMMAND("Unknown command or category name in ACL"),
        SYNTAX("Syntax error"),
        KEYS_AFTER_ALL("Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not have "
            + "any effect. Try 'resetkeys' to start with an empty list of patterns"),
        CHANNELS_AFTER_ALL("Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does "
            + "not have any effect. Try 'resetchannels' to start with an empty list of channels"),
        NO_SUCH_PASSWORD("The password you are trying to remove from the user does not exist"),
        BAD_HASH("The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters"),
        DUPLICATE_USER("Duplicate user found. A user can only be defined once in config files"),
        SUBCOMMAND_FIRST_ARG("Allowing first-arg of a subcommand is not supported");

        private final String text;

        Failure(final String text) {
            this.text = text;
        }

        /** @return Redis's text. */
        String text() {
            return text;
        }
    }

    /** A key pattern and the permissions it grants. */
    static final class KeyPattern {
        final String pattern;
        final byte[] bytes;
        int flags;

        KeyPattern(final String pattern, final int flags) {
            this.pattern = pattern;
            this.bytes = pattern.getBytes(StandardCharsets.ISO_8859_1);
            this.flags = flags;
        }

        /** @return the pattern as a rule: {@code ~p}, {@code %R~p} or {@code %W~p}. */
        String rule() {
            return (flags == ALL ? "~" : flags == READ ? "%R~" : "%W~") + pattern;
        }
    }

    private final boolean root;
    private final long[] allowed;
    /** Redis's reserved "future commands" bit: set by {@code +@all}, cleared only by {@code -@all}. */
    private boolean futureCommands;
    /** Redis's {@code SELECTOR_FLAG_ALLCOMMANDS}: no bit was cleared since {@code +@all}. */
    private boolean allCommands;
    private boolean allKeys;
    private boolean allChannels;
    private final List<KeyPattern> patterns = new ArrayList<>();
    private final List<String> channels = new ArrayList<>();
    /** Allowed first arguments by command id; null while there are none. */
    private Map<Integer, List<String>> firstArgs;

    /**
     * Creates a selector that allows nothing, as Redis's {@code ACLCreateSelector} under Redis 7.0's default
     * {@code acl-pubsub-default resetchannels}.
     *
     * @param root whether it is a user's root selector.
     * @param commands the number of command ids.
     */
    AclSelector(final boolean root, final int commands) {
        this.root = root;
        this.allowed = new long[(commands + 63) >>> 6];
    }

    /**
     * Returns an independent copy.
     *
     * @return the copy.
     */
    AclSelector copy() {
        final AclSelector c = new AclSelector(root, allowed.length << 6);
        System.arraycopy(allowed, 0, c.allowed, 0, allowed.length);
        c.futureCommands = futureCommands;
        c.allCommands = allCommands;
        c.allKeys = allKeys;
        c.allChannels = allChannels;
        for (final KeyPattern p : patterns) {
            c.patterns.add(new KeyPattern(p.pattern, p.flags));
        }
        c.channels.addAll(channels);
        if (firstArgs != null) {
            c.firstArgs = new HashMap<>();
            firstArgs.forEach((id, args) -> c.firstArgs.put(id, new ArrayList<>(args)));
        }
        return c;
    }

    /** @return whether this is a user's root selector. */
    boolean root() {
        return root;
    }

    /** @return whether it allows every command, key and channel: the dispatcher then checks nothing. */
    boolean unrestricted() {
        return allCommands && allKeys && allChannels;
    }

    /** @return whether it allows every channel. */
    boolean allChannels() {
        return allChannels;
    }

    /** @return the channel patterns (empty with {@link #allChannels()}). */
    List<String> channels() {
        return channels;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Rules
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Applies one selector rule, as Redis's {@code ACLSetSelector}.
     *
     * @param op the rule, bytes as ISO-8859-1 characters.
     * @param commands the command ids.
     * @return null when applied, otherwise why not (the selector may then be partly changed: apply to a copy).
     */
    Failure apply(final String op, final AclCommandSet commands) {
        if (op.equalsIgnoreCase("allkeys") || op.equalsIgnoreCase("~*")) {
            allKeys = true;
            patterns.clear();
        } else if (op.equalsIgnoreCase("resetkeys")) {
            allKeys = false;
            patterns.clear();
        } else if (op.equalsIgnoreCase("allchannels") || op.equalsIgnoreCase("&*")) {
            allChannels = true;
            channels.clear();
        } else if (op.equalsIgnoreCase("resetchannels")) {
            allChannels = false;
            channels.clear();
        } else if (op.equalsIgnoreCase("allcommands") || op.equalsIgnoreCase("+@all")) {
            Arrays.fill(allowed, -1L);
            futureCommands = true;
            allCommands = true;
            firstArgs = null;
        } else if (op.equalsIgnoreCase("nocommands") || op.equalsIgnoreCase("-@all")) {
            Arrays.fill(allowed, 0L);
            futureCommands = false;
            allCommands = false;
            firstArgs = null;
        } else if (op.startsWith("~") || op.startsWith("%")) {
            return addKeyPattern(op);
        } else if (op.startsWith("&")) {
            if (allChannels) {
                return Failure.CHANNELS_AFTER_ALL;
            }
            final String pattern = op.substring(1);
            if (hasSpaces(pattern)) {
                return Failure.SYNTAX;
            }
            if (!channels.contains(pattern)) {
                channels.add(pattern);
            }
            allChannels = false;
        } else if (op.length() >= 2 && (op.charAt(0) == '+' || op.charAt(0) == '-') && op.charAt(1) == '@') {
            final int category = AclCommandSet.category(op.substring(2));
            if (category < 0) {
                return Failure.UNKNOWN_COMMAND;
            }
            applyCategory(commands, category, op.charAt(0) == '+');
        } else if (op.startsWith("+")) {
            return allowCommand(op.substring(1), commands);
        } else if (op.startsWith("-")) {
            final int id = commands.lookup(op.substring(1));
            if (id < 0) {
                return Failure.UNKNOWN_COMMAND;
            }
            changePermission(commands, id, false);
        } else {
            return Failure.SYNTAX;
        }
        return null;
    }

    private Failure addKeyPattern(final String op) {
        if (allKeys) {
            return Failure.KEYS_AFTER_ALL;
        }
        int flags = 0;
        int offset = 1;
        if (op.charAt(0) == '%') {
            for (; offset < op.length(); offset++) {
                final char ch = Character.toUpperCase(op.charAt(offset));
                if (ch == 'R' && (flags & READ) == 0) {
                    flags |= READ;
                } else if (ch == 'W' && (flags & WRITE) == 0) {
                    flags |= WRITE;
                } else if (op.charAt(offset) == '~') {
                    offset++;
                    break;
                } else {
                    return Failure.SYNTAX;
                }
            }
        } else {
            flags = ALL;
        }
        final String pattern = op.substring(Math.min(offset, op.length()));
        if (hasSpaces(pattern)) {
            return Failure.SYNTAX;
        }
        boolean found = false;
        for (final KeyPattern p : patterns) {
            if (p.pattern.equals(pattern)) {
                p.flags |= flags;
                found = true;
                break;
            }
        }
        if (!found) {
            patterns.add(new KeyPattern(pattern, flags));
        }
        allKeys = false;
        return null;
    }

    /** {@code +command}, {@code +container|subcommand} or {@code +command|first-arg}. */
    private Failure allowCommand(final String name, final AclCommandSet commands) {
        final int bar = name.lastIndexOf('|');
        if (bar < 0) {
            final int id = commands.lookup(name);
            if (id < 0) {
                return Failure.UNKNOWN_COMMAND;
            }
            changePermission(commands, id, true);
            return null;
        }
        final int id = commands.lookup(name.substring(0, bar));
        if (id < 0) {
            return Failure.UNKNOWN_COMMAND;
        }
        if (commands.parent(id) >= 0) {
            return Failure.SUBCOMMAND_FIRST_ARG;
        }
        final String sub = name.substring(bar + 1);
        if (sub.isEmpty()) {
            return Failure.SYNTAX;
        }
        if (commands.children(id).length > 0) {
            final int subId = commands.lookup(name);
            if (subId < 0) {
                return Failure.UNKNOWN_COMMAND;
            }
            changePermission(commands, subId, true);
            return null;
        }
        // Redis's first-arg form, for commands without subcommands: "-select +select|0".
        if (firstArgs == null) {
            firstArgs = new HashMap<>();
        }
        final List<String> args = firstArgs.computeIfAbsent(id, k -> new ArrayList<>());
        for (final String existing : args) {
            if (existing.equalsIgnoreCase(sub)) {
                return null;
            }
        }
        args.add(sub);
        return null;
    }

    private void applyCategory(final AclCommandSet commands, final int category, final boolean value) {
        for (int id = 0; id < commands.size(); id++) {
            if (commands.inCategory(id, category)) {
                changePermission(commands, id, value);
            }
        }
    }

    /** Redis's {@code ACLChangeSelectorPerm}: a container's subcommands follow it. */
    private void changePermission(final AclCommandSet commands, final int id, final boolean value) {
        setBit(id, value);
        if (firstArgs != null) {
            firstArgs.remove(id);
        }
        for (final int sub : commands.children(id)) {
            setBit(sub, value);
        }
    }

    private void setBit(final int id, final boolean value) {
        if (value) {
            allowed[id >>> 6] |= 1L << id;
        } else {
            allowed[id >>> 6] &= ~(1L << id);
            allCommands = false;
        }
    }

    private boolean bit(final int id) {
        return (allowed[id >>> 6] & (1L << id)) != 0;
    }

    /**
     * Returns whether text has a space or NUL, which Redis refuses in user names and patterns
     * ({@code ACLStringHasSpaces}).
     *
     * @param text the text.
     * @return true when it has one.
     */
    static boolean hasSpaces(final String text) {
        for (int i = 0; i < text.length(); i++) {
            final char ch = text.charAt(i);
            if (ch == ' ' || (ch >= '\t' && ch <= '\r') || ch == 0) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Checks
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Returns whether the selector allows a command by name (not its keys or channels), as the first step of Redis's
     * {@code ACLSelectorCheckCmd}: commands flagged {@code no_auth} are always allowed.
     *
     * @param spec the command.
     * @param id its id.
     * @param args the command line.
     * @param base the index of the command name in {@code args}.
     * @return true when allowed.
     */
    boolean allowsCommand(final CommandSpec spec, final int id, final CommandArgs args, final int base) {
        if (allCommands || spec.has(CommandSpec.FLAG_NO_AUTH) || bit(id)) {
            return true;
        }
        final List<String> allowedArgs = firstArgs == null ? null : firstArgs.get(id);
        if (allowedArgs == null || args.count() - base < 2) {
            return false;
        }
        final String first = args.string(base + (spec.name().indexOf('|') >= 0 ? 2 : 1));
        for (final String arg : allowedArgs) {
            if (arg.equalsIgnoreCase(first)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the selector allows every key. */
    boolean allKeys() {
        return allKeys;
    }

    /**
     * Returns whether a key may be accessed with the given permissions, as Redis's {@code ACLSelectorCheckKey}.
     *
     * @param key the key.
     * @param needed {@link #READ}, {@link #WRITE}, both or neither.
     * @return true when allowed.
     */
    boolean allowsKey(final byte[] key, final int needed) {
        if (allKeys) {
            return true;
        }
        for (final KeyPattern p : patterns) {
            if ((p.flags & needed) == needed && GlobMatcher.matches(p.bytes, key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether a channel may be named, as Redis's {@code ACLCheckChannelAgainstList}.
     *
     * @param channel the channel, or the pattern of PSUBSCRIBE.
     * @param literal true for PSUBSCRIBE: the pattern must equal an allowed pattern.
     * @return true when allowed.
     */
    boolean allowsChannel(final byte[] channel, final boolean literal) {
        if (allChannels) {
            return true;
        }
        return matchesChannel(channels, channel, literal);
    }

    /**
     * Returns whether a channel matches one of a list of channel patterns.
     *
     * @param list the patterns.
     * @param channel the channel or pattern.
     * @param literal true to compare literally instead of as a glob.
     * @return true on a match.
     */
    static boolean matchesChannel(final List<String> list, final byte[] channel, final boolean literal) {
        for (final String pattern : list) {
            final byte[] p = pattern.getBytes(StandardCharsets.ISO_8859_1);
            if (literal ? Arrays.equals(p, channel) : GlobMatcher.matches(p, channel)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Description
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Describes the selector as ACL LIST does ({@code ACLDescribeSelector}): keys, channels, then command rules.
     *
     * @param commands the command ids.
     * @return the rules, space-separated.
     */
    String describe(final AclCommandSet commands) {
        final StringBuilder out = new StringBuilder();
        if (allKeys) {
            out.append("~* ");
        } else {
            for (final KeyPattern p : patterns) {
                out.append(p.rule()).append(' ');
            }
        }
        if (allChannels) {
            out.append("&* ");
        } else {
            out.append("resetchannels ");
            for (final String c : channels) {
                out.append('&').append(c).append(' ');
            }
        }
        return out.append(describeCommands(commands)).toString();
    }

    /** @return the key patterns as ACL GETUSER shows them: {@code ~*}, or the patterns space-separated. */
    String describeKeys() {
        if (allKeys) {
            return "~*";
        }
        final List<String> rules = new ArrayList<>();
        for (final KeyPattern p : patterns) {
            rules.add(p.rule());
        }
        return String.join(" ", rules);
    }

    /** @return the channel patterns as ACL GETUSER shows them: {@code &*}, or the patterns space-separated. */
    String describeChannels() {
        if (allChannels) {
            return "&*";
        }
        final List<String> rules = new ArrayList<>();
        for (final String c : channels) {
            rules.add("&" + c);
        }
        return String.join(" ", rules);
    }

    /**
     * Describes the command rules as Redis's {@code ACLDescribeSelectorCommandRules}: {@code +@all} or {@code -@all},
     * then categories chosen greedily (most commands in common, fewest differences), then single commands and first
     * arguments, so that applying the rules rebuilds exactly this bitmap.
     *
     * @param commands the command ids.
     * @return the rules, space-separated.
     */
    String describeCommands(final AclCommandSet commands) {
        final StringBuilder rules = new StringBuilder();
        final boolean additive = !futureCommands;
        final AclSelector fake = new AclSelector(false, commands.size());
        fake.apply(additive ? "-@all" : "+@all", commands);
        rules.append(additive ? "-@all " : "+@all ");
        final AclSelector temp = new AclSelector(false, commands.size());
        System.arraycopy(allowed, 0, temp.allowed, 0, allowed.length);
        final boolean[] applied = new boolean[AclCommandSet.CATEGORIES.length];
        while (true) {
            int best = -1;
            long minDiff = Integer.MAX_VALUE;
            long maxSame = 0;
            for (int c = 0; c < AclCommandSet.CATEGORIES.length; c++) {
                if (applied[c]) {
                    continue;
                }
                long on = 0;
                long off = 0;
                for (int id = 0; id < commands.size(); id++) {
                    if (commands.inCategory(id, c)) {
                        if (temp.bit(id)) {
                            on++;
                        } else {
                            off++;
                        }
                    }
                }
                final long diff = additive ? off : on;
                final long same = additive ? on : off;
                if (same > diff && (diff < minDiff || (diff == minDiff && same > maxSame))) {
                    best = c;
                    minDiff = diff;
                    maxSame = same;
                }
            }
            if (best < 0) {
                break;
            }
            fake.applyCategory(commands, best, additive);
            temp.applyCategory(commands, best, !additive);
            rules.append(additive ? "+@" : "-@").append(AclCommandSet.CATEGORIES[best]).append(' ');
            applied[best] = true;
        }
        for (int id = 0; id < commands.size(); id++) {
            final boolean userBit = bit(id);
            if (userBit != fake.bit(id)) {
                rules.append(userBit ? '+' : '-').append(commands.spec(id).name()).append(' ');
                fake.changePermission(commands, id, userBit);
            }
            final List<String> args = firstArgs == null ? null : firstArgs.get(id);
            if (!userBit && args != null) {
                for (final String arg : args) {
                    rules.append('+').append(commands.spec(id).name()).append('|').append(arg).append(' ');
                }
            }
        }
        rules.setLength(rules.length() - 1);
        return rules.toString();
    }
}
