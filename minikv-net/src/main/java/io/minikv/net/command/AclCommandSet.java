package io.minikv.net.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The commands ACL rules name, numbered as Redis's {@code ACLGetCommandID} numbers them for the users' command
 * bitmaps, with their ACL categories (Redis 7.0's, from {@link CommandCommands#aclCategories}).
 * <p>
 * Ids follow one fixed order: top-level commands by name, each followed by its subcommands by name. Redis walks its
 * command dictionary in hash order, randomised per process, wherever it lists commands (ACL CAT, the single-command
 * rules of ACL LIST); mini-kv walks this order instead, so its listings are stable from run to run.
 * <p>
 * Built once per server from the {@link CommandTable}; immutable and thread-safe afterwards.
 */
final class AclCommandSet {
    /** Redis 7.0's ACL categories, in {@code ACLCommandCategories} order (ACL CAT lists them so). */
    static final String[] CATEGORIES = {"keyspace", "read", "write", "set", "sortedset", "list", "hash", "string",
        "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous",
        "connection", "transaction", "scripting"};

    private final CommandSpec[] byId;
    private final int[] categories;
    private final int[] parent;
    private final int[][] children;
    private final Map<String, Integer> idByName = new HashMap<>();

    /**
     * Numbers the commands of a table.
     *
     * @param table the command table.
     */
    AclCommandSet(final CommandTable table) {
        final List<CommandSpec> ordered = new ArrayList<>();
        final List<Integer> parents = new ArrayList<>();
        for (final CommandSpec spec : table.all()) {
            final int id = ordered.size();
            ordered.add(spec);
            parents.add(-1);
            for (final CommandSpec sub : new TreeMap<>(spec.subcommands()).values()) {
                ordered.add(sub);
                parents.add(id);
            }
        }
        final int n = ordered.size();
        this.byId = ordered.toArray(new CommandSpec[0]);
        this.categories = new int[n];
        this.parent = new int[n];
        final List<List<Integer>> kids = new ArrayList<>();
        for (int id = 0; id < n; id++) {
            kids.add(new ArrayList<>());
            idByName.put(byId[id].name(), id);
            categories[id] = categoryBits(CommandCommands.aclCategories(byId[id]));
            parent[id] = parents.get(id);
            if (parent[id] >= 0) {
                kids.get(parent[id]).add(id);
            }
        }
        this.children = new int[n][];
        for (int id = 0; id < n; id++) {
            children[id] = kids.get(id).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private static int categoryBits(final List<String> names) {
        int bits = 0;
        for (final String name : names) {
            final int c = category(name.substring(1));
            if (c >= 0) {
                bits |= 1 << c;
            }
        }
        return bits;
    }

    /**
     * Returns a category's index, case-insensitively, as Redis's {@code ACLGetCommandCategoryFlagByName}.
     *
     * @param name the name without {@code @}.
     * @return the index into {@link #CATEGORIES}, or -1 when unknown.
     */
    static int category(final String name) {
        for (int i = 0; i < CATEGORIES.length; i++) {
            if (CATEGORIES[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** @return the number of ids. */
    int size() {
        return byId.length;
    }

    /**
     * Returns a command's id.
     *
     * @param spec a command or subcommand of the table.
     * @return its id.
     */
    int id(final CommandSpec spec) {
        return idByName.get(spec.name());
    }

    /**
     * Returns the command with an id.
     *
     * @param id the id.
     * @return the command or subcommand.
     */
    CommandSpec spec(final int id) {
        return byId[id];
    }

    /**
     * Returns whether a command belongs to a category.
     *
     * @param id the command id.
     * @param category the category index.
     * @return true when it does.
     */
    boolean inCategory(final int id, final int category) {
        return (categories[id] & (1 << category)) != 0;
    }

    /** @return the id of the command's container, -1 for a top-level command. */
    int parent(final int id) {
        return parent[id];
    }

    /** @return the ids of a container's subcommands, empty for other commands. */
    int[] children(final int id) {
        return children[id];
    }

    /**
     * Looks a command up by the name an ACL rule gives, as Redis's {@code lookupCommandBySdsLogic}: {@code name} or
     * {@code container|subcommand}, case-insensitively.
     *
     * @param name the name.
     * @return the id, or -1 when there is no such command (or more than one {@code |}).
     */
    int lookup(final String name) {
        final String lower = name.toLowerCase(Locale.ROOT);
        final int bar = lower.indexOf('|');
        if (bar >= 0 && lower.indexOf('|', bar + 1) >= 0) {
            return -1;
        }
        final Integer base = idByName.get(bar < 0 ? lower : lower.substring(0, bar));
        if (base == null || parent[base] >= 0) {
            return -1;
        }
        if (bar < 0) {
            return base;
        }
        if (children[base].length == 0) {
            return -1;
        }
        final Integer sub = idByName.get(lower);
        return sub == null ? -1 : sub;
    }
}
