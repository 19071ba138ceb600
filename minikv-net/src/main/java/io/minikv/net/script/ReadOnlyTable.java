package io.minikv.net.script;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * A Lua table that refuses every change once locked, as Redis 7's {@code lua_enablereadonlytable}: the libraries
 * ({@code string}, {@code table}, {@code redis}...) and the metatables that protect the globals are shared by every
 * script, so one script must not change what the next one sees.
 * <p>
 * Confined to the thread running scripts.
 */
final class ReadOnlyTable extends LuaTable {
    /** Redis's text, raised as a Lua error. */
    static final String READONLY = "Attempt to modify a readonly table";

    private boolean locked;

    /**
     * Copies a table's entries into a new read-only table (locked).
     *
     * @param source the table to copy.
     * @return the locked copy.
     */
    static ReadOnlyTable copyOf(final LuaTable source) {
        final ReadOnlyTable t = new ReadOnlyTable();
        LuaValue k = LuaValue.NIL;
        while (true) {
            final org.luaj.vm2.Varargs next = source.next(k);
            k = next.arg1();
            if (k.isnil()) {
                break;
            }
            t.rawset(k, next.arg(2));
        }
        t.locked = true;
        return t;
    }

    /**
     * Sets the metatable of a locked table: only the sandbox does this, while building the state.
     *
     * @param metatable the metatable.
     */
    void unlockedSetMetatable(final LuaValue metatable) {
        final boolean was = locked;
        locked = false;
        try {
            super.setmetatable(metatable);
        } finally {
            locked = was;
        }
    }

    /** Locks the table. */
    void lock() {
        locked = true;
    }

    @Override
    public void rawset(final int key, final LuaValue value) {
        check();
        super.rawset(key, value);
    }

    @Override
    public void rawset(final LuaValue key, final LuaValue value) {
        check();
        super.rawset(key, value);
    }

    @Override
    public void insert(final int pos, final LuaValue value) {
        check();
        super.insert(pos, value);
    }

    @Override
    public LuaValue remove(final int pos) {
        check();
        return super.remove(pos);
    }

    @Override
    public LuaValue setmetatable(final LuaValue metatable) {
        check();
        return super.setmetatable(metatable);
    }

    private void check() {
        if (locked) {
            throw new LuaError(READONLY);
        }
    }
}
