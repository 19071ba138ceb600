package io.minikv.net.script;

import java.lang.reflect.Field;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.minikv.api.KvError;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * Turns luaj's errors into what Lua 5.1 inside Redis 7 shows: the message a script's {@code pcall} gets, and the
 * error reply of a failed script.
 * <p>
 * luaj formats a positioned error as {@code "@user_script:1 message"} followed by a traceback, and words some VM
 * errors differently from Lua 5.1. Scripts see Lua 5.1's form, {@code "user_script:1: message"}; the common VM texts
 * (arithmetic, concatenation, comparison and length on a bad value) are reworded as Lua 5.1 writes them when no
 * variable name is involved. The raw message and the position live in {@link LuaError}'s protected fields, read here
 * by reflection (the fields are part of luaj 3.0.1, the version the build pins).
 * <p>
 * Stateless and thread-safe.
 */
public final class LuaErrors {
    private static final Field FILELINE = field("fileline");
    private static final Field TRACEBACK = field("traceback");
    private static final Field LEVEL = field("level");
    private static final Field OBJECT = field("object");
    private static final Pattern ARITH = Pattern.compile("attempt to perform arithmetic \\S+ on (\\S+) and (\\S+)");
    private static final Pattern CONCAT = Pattern.compile("attempt to concatenate (\\S+) and (\\S+)");
    private static final Pattern COMPARE = Pattern.compile("attempt to compare \\S+ on (\\S+) and (\\S+)");
    private static final Pattern LENGTH = Pattern.compile("attempt to get length of (\\S+)$");
    private static final Pattern CALL = Pattern.compile("attempt to call (\\S+)$");
    private static final Pattern SYMBOL = Pattern.compile("unexpected symbol (\\d+) \\((.*)\\)$");

    private LuaErrors() {
    }

    /**
     * An error raised by {@code redis.call} and the other {@code redis.*} functions: Lua code sees the plain error text
     * (a string, without a position), and the script's error reply is that text as it is.
     */
    public static final class CallError extends LuaError {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the error.
         *
         * @param text the error reply text, e.g. {@code ERR Unknown Redis command called from script}.
         */
        public CallError(final String text) {
            super(LuaValue.valueOf(text));
        }
    }

    /** Raised by the instruction hook once SCRIPT KILL asked; no {@code pcall} stops it. */
    public static final class KillError extends LuaError {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the error.
         *
         * @param text the error reply text.
         */
        public KillError(final String text) {
            super(LuaValue.valueOf(text));
        }
    }

    /**
     * Returns the value a script's {@code pcall} gets for an error: the raised table or {@code redis.call}'s text as
     * they are, a string as Lua 5.1 positions it.
     *
     * @param e the error.
     * @return the Lua value.
     */
    public static LuaValue value(final LuaError e) {
        final LuaValue object = object(e);
        if (e instanceof CallError || object != null && !object.isstring()) {
            return object;
        }
        return LuaValue.valueOf(positioned(e, object));
    }

    /**
     * Returns the error reply text of a script that failed with {@code e}, as Redis 7's
     * {@code luaCallFunction}: the error text (a raised string gets {@code ERR } in front), then
     * {@code script: <sha>, on @user_script:<line>.} when the position is known.
     *
     * @param e the error.
     * @param sha the script's SHA1.
     * @return the reply text without the leading {@code '-'}.
     */
    public static String reply(final LuaError e, final String sha) {
        final String text = text(e);
        final String fileline = fileline(e);
        if (fileline == null) {
            return text;
        }
        final int colon = fileline.lastIndexOf(':');
        return text + " script: " + sha + ", on " + fileline.substring(0, colon) + ":" + fileline.substring(colon + 1)
            + ".";
    }

    /**
     * Returns an error's reply text without the script and position Redis appends to a failed run's reply: what
     * FUNCTION LOAD quotes after {@code Error registering functions: }.
     *
     * @param e the error.
     * @return the text, e.g. {@code ERR user_function:2: attempt to perform arithmetic on a nil value}.
     */
    public static String text(final LuaError e) {
        final LuaValue object = object(e);
        if (e instanceof CallError || e instanceof KillError) {
            return object.tojstring();
        }
        if (object != null && object.istable()) {
            final LuaValue err = object.get("err");
            return err.isstring() ? err.tojstring() : KvError.SCRIPT_RUNTIME.format(object.tojstring());
        }
        return KvError.SCRIPT_RUNTIME.format(positioned(e, object));
    }

    /**
     * Returns a compile error's message as Lua 5.1 writes the common ones ({@code unexpected symbol near '='}).
     *
     * @param e the compiler's error.
     * @return the message, e.g. {@code user_script:1: unexpected symbol near '<eof>'}.
     */
    public static String compileMessage(final LuaError e) {
        final String message = raw(e);
        final Matcher m = SYMBOL.matcher(message);
        if (m.find()) {
            final String near = m.group(1).equals("286") ? "<eof>" : m.group(2);
            return message.substring(0, m.start()) + "unexpected symbol near '" + near + "'";
        }
        return message.replace("'<eos>' expected", "'<eof>' expected");
    }

    /**
     * Gives an error the position of the last Lua line run when luaj left it without one (raised by a function
     * called in a tail call).
     *
     * @param e the error.
     * @param fileline {@code @user_script:<line>}, or null when unknown.
     */
    static void positionIfMissing(final LuaError e, final String fileline) {
        if (fileline != null && fileline(e) == null) {
            try {
                FILELINE.set(e, fileline);
            } catch (final IllegalAccessException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /** The message with Lua 5.1's {@code source:line: } in front when the error has a level and a position. */
    private static String positioned(final LuaError e, final LuaValue object) {
        final String message = lua51(object != null ? object.tojstring() : raw(e));
        final String fileline = fileline(e);
        if (fileline == null || level(e) == 0) {
            return message;
        }
        return (fileline.startsWith("@") ? fileline.substring(1) : fileline) + ": " + message;
    }

    /** Rewords luaj's VM errors as Lua 5.1 writes them for a value without a name. */
    static String lua51(final String message) {
        Matcher m = ARITH.matcher(message);
        if (m.find()) {
            final String bad = m.group(1).equals("number") || m.group(1).equals("string") ? m.group(2) : m.group(1);
            return m.replaceFirst("attempt to perform arithmetic on a " + bad + " value");
        }
        m = CONCAT.matcher(message);
        if (m.find()) {
            final String bad = m.group(1).equals("number") || m.group(1).equals("string") ? m.group(2) : m.group(1);
            return m.replaceFirst("attempt to concatenate a " + bad + " value");
        }
        m = COMPARE.matcher(message);
        if (m.find()) {
            return m.replaceFirst("attempt to compare " + m.group(1) + " with " + m.group(2));
        }
        m = LENGTH.matcher(message);
        if (m.find()) {
            return m.replaceFirst("attempt to get length of a " + m.group(1) + " value");
        }
        m = CALL.matcher(message);
        if (m.find()) {
            return m.replaceFirst("attempt to call a " + m.group(1) + " value");
        }
        return message;
    }

    /** The message without luaj's position and traceback. */
    private static String raw(final LuaError e) {
        try {
            final Object fileline = FILELINE.get(e);
            final Object traceback = TRACEBACK.get(e);
            FILELINE.set(e, null);
            TRACEBACK.set(e, null);
            try {
                final String message = e.getMessage();
                return message == null ? "nil" : message;
            } finally {
                FILELINE.set(e, fileline);
                TRACEBACK.set(e, traceback);
            }
        } catch (final IllegalAccessException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static LuaValue object(final LuaError e) {
        return (LuaValue) get(OBJECT, e);
    }

    private static String fileline(final LuaError e) {
        return (String) get(FILELINE, e);
    }

    private static int level(final LuaError e) {
        return (Integer) get(LEVEL, e);
    }

    private static Object get(final Field f, final LuaError e) {
        try {
            return f.get(e);
        } catch (final IllegalAccessException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Field field(final String name) {
        try {
            final Field f = LuaError.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (final NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
