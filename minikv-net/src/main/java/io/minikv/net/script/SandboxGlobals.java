package io.minikv.net.script;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * The scripts' global table: read-only once the sandbox is built (Redis 7 refuses {@code x = 1} in a script with
 * {@code Attempt to modify a readonly table}), except for {@code KEYS} and {@code ARGV}, which the sandbox sets before
 * each run through {@link #setUnprotected}.
 * <p>
 * Confined to the thread running scripts.
 */
final class SandboxGlobals extends Globals {
    private boolean locked;

    /** Locks the table. */
    void lock() {
        locked = true;
    }

    /**
     * Sets a global while locked: only the sandbox does this ({@code KEYS}, {@code ARGV}).
     *
     * @param name the global's name.
     * @param value the value.
     */
    void setUnprotected(final String name, final LuaValue value) {
        final boolean was = locked;
        locked = false;
        try {
            super.rawset(LuaValue.valueOf(name), value);
        } finally {
            locked = was;
        }
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
            throw new LuaError(ReadOnlyTable.READONLY);
        }
    }
}
