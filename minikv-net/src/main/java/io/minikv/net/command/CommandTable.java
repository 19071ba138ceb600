package io.minikv.net.command;

import io.minikv.net.resp.CommandArgs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry of commands: name to {@link CommandSpec}. The one place that knows which commands exist; COMMAND,
 * the docs generator and the dispatcher all read it.
 * <p>
 * Lookups hash the argument bytes case-insensitively and probe an open-addressing array, so finding a command
 * allocates nothing. Filled once at server start by the families' {@code register} methods, then read-only and
 * safe to share between event loops.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> byName = new TreeMap<>();
    private CommandSpec[] slots = new CommandSpec[0];
    private byte[][] slotNames = new byte[0][];
    private int mask;

    /**
     * Registers a command.
     *
     * @param spec the command.
     * @throws IllegalStateException when the name is already taken.
     */
    public void register(final CommandSpec spec) {
        if (byName.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalStateException("duplicate command " + spec.name());
        }
        rebuild();
    }

    /**
     * Returns every top-level command, sorted by name.
     *
     * @return an unmodifiable list.
     */
    public List<CommandSpec> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    /**
     * Returns the number of top-level commands.
     *
     * @return the count.
     */
    public int size() {
        return byName.size();
    }

    /**
     * Looks a command up by name, case-insensitively.
     *
     * @param name the name.
     * @return the spec or null.
     */
    public CommandSpec get(final String name) {
        return byName.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Looks up the command named by argument {@code i}, without allocating.
     *
     * @param args the arguments.
     * @param i the argument index holding the name.
     * @return the spec or null.
     */
    public CommandSpec lookup(final CommandArgs args, final int i) {
        final ByteBuffer buffer = args.buffer();
        final int offset = args.offset(i);
        final int length = args.length(i);
        int slot = hash(buffer, offset, length) & mask;
        final CommandSpec[] slots = this.slots;
        while (true) {
            final CommandSpec spec = slots[slot];
            if (spec == null) {
                return null;
            }
            if (args.is(i, slotNames[slot])) {
                return spec;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Looks up a subcommand of a container command, case-insensitively.
     *
     * @param parent the container (CLIENT, CONFIG, COMMAND...).
     * @param args the arguments.
     * @param i the argument index holding the subcommand name.
     * @return the subcommand spec or null.
     */
    public static CommandSpec lookupSub(final CommandSpec parent, final CommandArgs args, final int i) {
        for (final Map.Entry<String, CommandSpec> e : parent.subcommands().entrySet()) {
            if (args.is(i, e.getValue().nameBytes(), parent.name().length() + 1)) {
                return e.getValue();
            }
        }
        return null;
    }

    private void rebuild() {
        int capacity = 16;
        while (capacity < byName.size() * 4) {
            capacity <<= 1;
        }
        final CommandSpec[] newSlots = new CommandSpec[capacity];
        final byte[][] newNames = new byte[capacity][];
        final int newMask = capacity - 1;
        for (final CommandSpec spec : byName.values()) {
            final byte[] name = spec.nameBytes();
            int slot = hash(ByteBuffer.wrap(name), 0, name.length) & newMask;
            while (newSlots[slot] != null) {
                slot = (slot + 1) & newMask;
            }
            newSlots[slot] = spec;
            newNames[slot] = name;
        }
        this.slots = newSlots;
        this.slotNames = newNames;
        this.mask = newMask;
    }

    private static int hash(final ByteBuffer buffer, final int offset, final int length) {
        int h = length;
        for (int p = offset; p < offset + length; p++) {
            h = 31 * h + (buffer.get(p) | 0x20);
        }
        return h ^ (h >>> 16);
    }
}
