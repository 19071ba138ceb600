package io.minikv.net.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ACL file ({@code --aclfile}, Redis's {@code aclfile}): one {@code user <name> <rules>} line per user, read at
 * startup and by ACL LOAD, written by ACL SAVE, as Redis 7.0's {@code ACLLoadFromFile} and {@code ACLSaveToFile}.
 * Loading is all or nothing: any error leaves the users as they were and reports every problem found.
 * <p>
 * Thread-safe: stateless apart from the path; the users are swapped under the {@link Acl}'s lock.
 */
public final class AclFile {
    private final Path path;

    /**
     * Creates the file's handle.
     *
     * @param path the file.
     */
    public AclFile(final Path path) {
        this.path = path;
    }

    /** @return the file. */
    public Path path() {
        return path;
    }

    /**
     * Formats a user as ACL LIST and the ACL file show it.
     *
     * @param user the user.
     * @param commands the command ids.
     * @return {@code user <name> <rules>}.
     */
    static String line(final AclUser user, final AclCommandSet commands) {
        return "user " + user.name() + " " + user.rules().describe(commands);
    }

    /**
     * Writes every user to the file, through a temporary file renamed over it.
     *
     * @param acl the users.
     * @return false when the file could not be written.
     */
    boolean save(final Acl acl) {
        final StringBuilder out = new StringBuilder();
        for (final AclUser user : acl.users()) {
            out.append(line(user, acl.commands())).append('\n');
        }
        final Path temp = path.resolveSibling(path.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
            + System.currentTimeMillis());
        try {
            Files.write(temp, out.toString().getBytes(StandardCharsets.ISO_8859_1));
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (final IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (final IOException ignored) {
                // Nothing more to clean.
            }
            return false;
        }
    }

    /**
     * Replaces the users with the file's, as ACL LOAD: the default user keeps its identity (its connections stay)
     * and takes the file's rules, or a new default user's when the file has none; every other user is replaced, so
     * their connections are closed, as in Redis.
     *
     * @param acl the users.
     * @param caller the client loading, closed after its reply if its user goes; null at startup.
     * @return null when loaded, otherwise every problem found, Redis's text.
     */
    public String load(final Acl acl, final Client caller) {
        final String text;
        try {
            text = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
        } catch (final NoSuchFileException e) {
            return "Error loading ACLs, opening file '" + path + "': No such file or directory";
        } catch (final IOException e) {
            return "Error loading ACLs, opening file '" + path + "': " + e.getMessage();
        }
        final StringBuilder errors = new StringBuilder();
        final Map<String, AclUser.Rules> loaded = new LinkedHashMap<>();
        final String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            final int lineNumber = i + 1;
            final String line = trim(lines[i], " \t\r\n");
            if (line.isEmpty()) {
                continue;
            }
            final String[] argv = line.split(" ", -1);
            if (!argv[0].equals("user") || argv.length < 2) {
                errors.append(path).append(':').append(lineNumber)
                    .append(" should start with user keyword followed by the username. ");
                continue;
            }
            final String name = argv[1];
            if (AclSelector.hasSpaces(name)) {
                errors.append('\'').append(path).append(':').append(lineNumber).append(": username '").append(name)
                    .append("' contains invalid characters. ");
                continue;
            }
            if (loaded.containsKey(name)) {
                errors.append("WARNING: Duplicate user '").append(name).append("' found on line ").append(lineNumber)
                    .append(". ");
                continue;
            }
            final List<String> ops = Acl.mergeSelectors(List.of(argv).subList(2, argv.length), new int[1]);
            if (ops == null) {
                errors.append(path).append(':').append(lineNumber)
                    .append(": Unmatched parenthesis in selector definition.");
                loaded.put(name, null);
                continue;
            }
            final AclUser.Editor editor = new AclUser(name, acl.commands()).rules().edit();
            for (final String op : ops) {
                final AclSelector.Failure failure = editor.apply(trim(op, "\t\r\n"), acl.commands());
                if (failure != null) {
                    errors.append(path).append(':').append(lineNumber).append(": ").append(failure.text())
                        .append(". ");
                }
            }
            loaded.put(name, editor.build());
        }
        if (errors.length() > 0) {
            return errors.append("WARNING: ACL errors detected, no change to the previously active ACL rules was "
                + "performed").toString();
        }
        acl.replaceUsers(loaded, caller);
        return null;
    }

    /** Redis's {@code sdstrim}: drops the given characters from both ends. */
    private static String trim(final String s, final String chars) {
        int start = 0;
        int end = s.length();
        while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }
}
