package io.minikv.net.command;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.minikv.api.KvError;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.script.FunctionEngine;
import io.minikv.net.script.LuaErrors;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;

/**
 * The server's function libraries, as Redis 7's {@code functions.c}: libraries by name (case-sensitive), and the
 * functions of all of them by name (case-insensitive, one namespace across libraries), compiled in one
 * {@link FunctionEngine}.
 * <p>
 * <b>Loading.</b> FUNCTION LOAD parses the {@code #!lua name=<library>} line, compiles the rest and runs it so that
 * it registers its functions, then links the library: with REPLACE the old library of that name gives way, and a
 * function name another library holds refuses the whole load. Nothing changes unless the load succeeds.
 * <p>
 * Libraries are server state, not keys: FLUSHALL and SCRIPT FLUSH leave them, FUNCTION FLUSH drops them. The
 * engine's snapshots carry their code ({@link #codes}), and the server loads it back ({@link #restore}).
 * <p>
 * Thread-safe: every method is synchronized. A function runs on the scripting thread under the server's gate, which
 * no FUNCTION command (none is {@code allow_busy} but KILL and STATS, which do not touch the libraries) can enter
 * meanwhile; the engine is thereby used by one thread at a time.
 */
final class Functions {
    private static final Logger LOG = System.getLogger("io.minikv.net.script");
    private static final String ENGINE = "LUA";

    /**
     * A loaded function.
     *
     * @param name its name, as registered.
     * @param library the library it belongs to.
     * @param description its description's bytes, or null.
     * @param flags {@link FunctionEngine} {@code FLAG_*} bits.
     * @param callback the compiled Lua function.
     */
    record Function(String name, Library library, byte[] description, int flags, LuaFunction callback) {
        /** @return whether the function declared {@code no-writes}. */
        boolean noWrites() {
            return (flags & FunctionEngine.FLAG_NO_WRITES) != 0;
        }
    }

    /**
     * A loaded library.
     *
     * @param name its name.
     * @param code the code FUNCTION LOAD was given, shebang included.
     * @param functions its functions by lower-case name, in registration order.
     */
    record Library(String name, byte[] code, Map<String, Function> functions) {
    }

    private final String redisVersion;
    private final Map<String, Library> libraries = new TreeMap<>();
    private final Map<String, Function> functions = new HashMap<>();
    private FunctionEngine engine;

    Functions(final String redisVersion) {
        this.redisVersion = redisVersion;
    }

    /**
     * FUNCTION LOAD: loads a library.
     *
     * @param code the code, shebang line first.
     * @param replace whether a library of the same name gives way.
     * @param error receives the error reply text when the load fails.
     * @return the library's name, or null after an error.
     */
    synchronized String load(final byte[] code, final boolean replace, final String[] error) {
        final String name = libraryName(code, error);
        if (name == null) {
            return null;
        }
        final Library old = libraries.get(name);
        if (old != null && !replace) {
            error[0] = KvError.FUNCTION_LIBRARY_EXISTS.format(name);
            return null;
        }
        final Library library = build(name, code, error, true);
        if (library == null) {
            return null;
        }
        final String taken = collision(library, functions, old);
        if (taken != null) {
            error[0] = KvError.FUNCTION_EXISTS.format(taken);
            return null;
        }
        if (old != null) {
            unlink(old);
        }
        link(library);
        return name;
    }

    /**
     * FUNCTION RESTORE: loads every library of a payload, then adds them as the policy says; nothing changes on
     * error. As Redis's {@code libraryJoin}: with APPEND a library name that exists refuses the restore, with
     * REPLACE the existing library gives way, and a function another library keeps refuses it either way.
     *
     * @param codes each library's code, from {@link FunctionPayload#parse}.
     * @param flush whether every existing library is dropped first (FLUSH).
     * @param replace whether existing libraries of the same names give way (REPLACE).
     * @param error receives the error reply text.
     * @return false after an error.
     */
    synchronized boolean restore(final List<byte[]> codes, final boolean flush, final boolean replace,
        final String[] error) {
        final Map<String, Library> staged = new TreeMap<>();
        final Map<String, Function> stagedFunctions = new HashMap<>();
        for (final byte[] code : codes) {
            final String name = libraryName(code, error);
            if (name == null) {
                return false;
            }
            if (staged.containsKey(name)) {
                error[0] = KvError.FUNCTION_LIBRARY_EXISTS.format(name);
                return false;
            }
            // Loading from a payload has no time limit, as in Redis.
            final Library library = build(name, code, error, false);
            if (library == null) {
                return false;
            }
            final String taken = collision(library, stagedFunctions, null);
            if (taken != null) {
                error[0] = KvError.FUNCTION_EXISTS.format(taken);
                return false;
            }
            staged.put(name, library);
            stagedFunctions.putAll(library.functions());
        }
        if (flush) {
            flush();
        } else {
            final Map<String, Function> remaining = new HashMap<>(functions);
            for (final Library library : staged.values()) {
                final Library old = libraries.get(library.name());
                if (old != null && !replace) {
                    error[0] = KvError.FUNCTION_RESTORE_LIBRARY_EXISTS.format(library.name());
                    return false;
                }
                if (old != null) {
                    remaining.keySet().removeAll(old.functions().keySet());
                }
            }
            for (final Function f : stagedFunctions.values()) {
                if (remaining.containsKey(f.name().toLowerCase(Locale.ROOT))) {
                    error[0] = KvError.FUNCTION_EXISTS.format(f.name());
                    return false;
                }
            }
            for (final Library library : staged.values()) {
                final Library old = libraries.get(library.name());
                if (old != null) {
                    unlink(old);
                }
            }
        }
        staged.values().forEach(this::link);
        return true;
    }

    /** The name of a function of {@code library} that {@code existing} holds for another library than {@code old}. */
    private static String collision(final Library library, final Map<String, Function> existing, final Library old) {
        for (final Map.Entry<String, Function> f : library.functions().entrySet()) {
            final Function other = existing.get(f.getKey());
            if (other != null && other.library() != old) {
                return f.getValue().name();
            }
        }
        return null;
    }

    /** Reads the library name of code's shebang line, as Redis's {@code functionExtractLibMetaData}. */
    private static String libraryName(final byte[] code, final String[] error) {
        final int newline = indexOf(code, (byte) '\n');
        final String problem = checkShebang(code, newline);
        if (problem != null) {
            error[0] = problem;
            return null;
        }
        return libraryName(CommandArgs.split(Arrays.copyOf(code, newline)), error);
    }

    /** Compiles a library's code after its shebang line and runs it to register its functions; null on error. */
    private Library build(final String name, final byte[] code, final String[] error, final boolean timed) {
        final int newline = indexOf(code, (byte) '\n');
        final Library library = new Library(name, code.clone(), new LinkedHashMap<>());
        final LuaFunction chunk;
        try {
            chunk = engine().compile(Arrays.copyOfRange(code, newline, code.length));
        } catch (final LuaError e) {
            error[0] = KvError.FUNCTION_COMPILE.format(LuaErrors.compileMessage(e));
            return null;
        }
        try {
            engine().load(chunk, (fn, callback, description, flags) -> register(library, fn, callback, description,
                flags), new FunctionEngine.LoadHost(timed) {
                    @Override
                    public void log(final int level, final String message) {
                        LOG.log(level == 3 ? Level.WARNING : level == 2 ? Level.INFO : Level.DEBUG, message);
                    }
                });
        } catch (final LuaError e) {
            error[0] = KvError.FUNCTION_REGISTERING.format(LuaErrors.text(e));
            return null;
        }
        if (library.functions().isEmpty()) {
            error[0] = KvError.FUNCTION_NONE_REGISTERED.text();
            return null;
        }
        return library;
    }

    /** The shebang checks that come before its parts are read, or null when they pass. */
    private static String checkShebang(final byte[] code, final int newline) {
        if (code.length < 2 || code[0] != '#' || code[1] != '!') {
            return KvError.FUNCTION_MISSING_METADATA.text();
        }
        if (newline < 0) {
            return KvError.FUNCTION_INVALID_METADATA.text();
        }
        return null;
    }

    /** Reads {@code #!<engine> name=<library>}, as Redis's {@code functionExtractLibMetaData}; null after an error. */
    private static String libraryName(final CommandArgs parts, final String[] error) {
        if (parts == null || parts.count() == 0) {
            error[0] = KvError.FUNCTION_INVALID_METADATA.text();
            return null;
        }
        String name = null;
        for (int i = 1; i < parts.count(); i++) {
            final String part = new String(parts.bytes(i), StandardCharsets.ISO_8859_1);
            if (part.regionMatches(true, 0, "name=", 0, 5)) {
                if (name != null) {
                    error[0] = KvError.FUNCTION_METADATA_NAME_TWICE.text();
                    return null;
                }
                name = part.substring(5);
                continue;
            }
            error[0] = KvError.FUNCTION_METADATA_VALUE.format(part);
            return null;
        }
        if (name == null) {
            error[0] = KvError.FUNCTION_NO_LIBRARY_NAME.text();
            return null;
        }
        if (!validName(name)) {
            error[0] = KvError.FUNCTION_NAME_INVALID.text();
            return null;
        }
        final String engineName = new String(parts.bytes(0), StandardCharsets.ISO_8859_1).substring(2);
        if (!engineName.equalsIgnoreCase(ENGINE)) {
            error[0] = KvError.FUNCTION_ENGINE_NOT_FOUND.format(engineName);
            return null;
        }
        return name;
    }

    /** The registrar of one load: names are checked as Redis's {@code functionLibCreateFunction} does. */
    private static void register(final Library library, final String name, final LuaFunction callback,
        final byte[] description, final int flags) {
        if (!validName(name)) {
            throw new LuaErrors.CallError(KvError.FUNCTION_NAME_INVALID.text());
        }
        // Redis 7.0 lets "f" and "F" into one library and then fails an assertion when it is deleted: one namespace
        // here, case-insensitive as FCALL's lookup.
        final String key = name.toLowerCase(Locale.ROOT);
        if (library.functions().containsKey(key)) {
            throw new LuaErrors.CallError(KvError.FUNCTION_EXISTS_IN_LIBRARY.text());
        }
        library.functions().put(key, new Function(name, library, description, flags, callback));
    }

    /** Letters, digits and underscores, at least one. */
    private static boolean validName(final String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            final char ch = name.charAt(i);
            if (!(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_')) {
                return false;
            }
        }
        return true;
    }

    private void link(final Library library) {
        libraries.put(library.name(), library);
        functions.putAll(library.functions());
    }

    private void unlink(final Library library) {
        libraries.remove(library.name());
        functions.keySet().removeAll(library.functions().keySet());
    }

    /**
     * Looks a function up, case-insensitively (FCALL).
     *
     * @param name the name as the client sent it.
     * @return the function, or null.
     */
    synchronized Function function(final String name) {
        return functions.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * FUNCTION DELETE.
     *
     * @param name the library's name, case-sensitive.
     * @return whether it existed.
     */
    synchronized boolean delete(final String name) {
        final Library library = libraries.get(name);
        if (library == null) {
            return false;
        }
        unlink(library);
        return true;
    }

    /** FUNCTION FLUSH: drops every library. */
    synchronized void flush() {
        libraries.clear();
        functions.clear();
    }

    /** @return the libraries, by name. */
    synchronized List<Library> libraries() {
        return Collections.unmodifiableList(new ArrayList<>(libraries.values()));
    }

    /** @return each library's code, by library name: what snapshots save. */
    synchronized List<byte[]> codes() {
        final List<byte[]> codes = new ArrayList<>(libraries.size());
        for (final Library library : libraries.values()) {
            codes.add(library.code());
        }
        return codes;
    }

    /** @return how many functions are loaded. */
    synchronized int functionCount() {
        return functions.size();
    }

    /** @return the engine name FUNCTION LIST and STATS show. */
    static String engineName() {
        return ENGINE;
    }

    /** The Lua state, built on first use (loading the libraries takes a few milliseconds). */
    synchronized FunctionEngine engine() {
        if (engine == null) {
            engine = new FunctionEngine(redisVersion);
        }
        return engine;
    }

    private static int indexOf(final byte[] bytes, final byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
