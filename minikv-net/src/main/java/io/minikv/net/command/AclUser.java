package io.minikv.net.command;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An ACL user, as Redis 7.0's {@code user}: a name and its {@link Rules} (on/off, passwords as SHA-256 hex, the
 * root {@link AclSelector} and any further selectors).
 * <p>
 * Connections hold the user they authenticated as; ACL SETUSER publishes new rules to the same object, so they apply
 * to those connections at once, as in Redis. Rules are immutable once published and the reference is volatile: the
 * dispatcher of any event loop reads them without locks. Edits ({@link Rules#edit}) work on copies.
 */
final class AclUser {
    /** Redis's user flags, in {@code ACLUserFlags} order (the order ACL LIST and GETUSER show them in). */
    static final String[] FLAG_NAMES = {"on", "off", "nopass", "skip-sanitize-payload", "sanitize-payload"};
    static final int ENABLED = 1;
    static final int DISABLED = 1 << 1;
    static final int NOPASS = 1 << 2;
    static final int SANITIZE_SKIP = 1 << 3;
    static final int SANITIZE = 1 << 4;
    private static final int HASH_LENGTH = 64;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String name;
    private volatile Rules rules;

    /**
     * Creates a user with the rules of a new Redis user: off, no password, no permissions.
     *
     * @param name the name.
     * @param commands the command ids.
     */
    AclUser(final String name, final AclCommandSet commands) {
        this.name = name;
        this.rules = new Rules(DISABLED, List.of(), List.of(new AclSelector(true, commands.size())));
    }

    /** @return the name. */
    String name() {
        return name;
    }

    /** @return the current rules; read once per check. */
    Rules rules() {
        return rules;
    }

    /**
     * Publishes new rules.
     *
     * @param value the rules.
     */
    void rules(final Rules value) {
        this.rules = value;
    }

    /**
     * Returns whether a password opens this user, as Redis's {@code ACLCheckUserCredentials}: the user must be on,
     * and either {@code nopass} or one of its hashes must be the password's.
     *
     * @param password the password bytes.
     * @return true when it authenticates.
     */
    boolean accepts(final byte[] password) {
        final Rules r = rules;
        if ((r.flags & DISABLED) != 0) {
            return false;
        }
        if ((r.flags & NOPASS) != 0) {
            return true;
        }
        final byte[] hashed = hash(password).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (final String candidate : r.passwords) {
            match |= MessageDigest.isEqual(hashed, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    /**
     * Returns the SHA-256 of a password in lower-case hex, as Redis's {@code ACLHashPassword}.
     *
     * @param password the password bytes.
     * @return 64 hex digits.
     */
    static String hash(final byte[] password) {
        final byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(password);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        final char[] hex = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(hex);
    }

    /**
     * One published state of a user. Immutable.
     *
     * @param flags {@code ENABLED}, {@code DISABLED}, {@code NOPASS}, {@code SANITIZE*} bits.
     * @param passwords the SHA-256 hex hashes, in the order they were added.
     * @param selectors the root selector first, then the {@code (...)} selectors.
     * @param unrestricted whether every command, key and channel is allowed: nothing to check per command.
     */
    record Rules(int flags, List<String> passwords, List<AclSelector> selectors, boolean unrestricted) {

        Rules(final int flags, final List<String> passwords, final List<AclSelector> selectors) {
            this(flags, Collections.unmodifiableList(passwords), Collections.unmodifiableList(selectors),
                selectors.size() == 1 && selectors.get(0).unrestricted());
        }

        /** @return the root selector. */
        AclSelector root() {
            return selectors.get(0);
        }

        /** @return whether the user is on and needs no password. */
        boolean openToAll() {
            return (flags & NOPASS) != 0 && (flags & DISABLED) == 0;
        }

        /**
         * Starts an edit on copies of these rules.
         *
         * @return an editor.
         */
        Editor edit() {
            return new Editor(this);
        }

        /**
         * Describes the user as ACL LIST does after {@code user <name> } ({@code ACLDescribeUser}).
         *
         * @param commands the command ids.
         * @return the rules.
         */
        String describe(final AclCommandSet commands) {
            final StringBuilder out = new StringBuilder();
            for (int i = 0; i < FLAG_NAMES.length; i++) {
                if ((flags & (1 << i)) != 0) {
                    out.append(FLAG_NAMES[i]).append(' ');
                }
            }
            for (final String p : passwords) {
                out.append('#').append(p).append(' ');
            }
            for (final AclSelector s : selectors) {
                if (s.root()) {
                    out.append(s.describe(commands));
                } else {
                    out.append(" (").append(s.describe(commands)).append(')');
                }
            }
            return out.toString();
        }
    }

    /** A user's rules being changed by ACL SETUSER rules, as Redis's {@code ACLSetUser}; not thread-safe. */
    static final class Editor {
        private int flags;
        private final List<String> passwords;
        private final List<AclSelector> selectors = new ArrayList<>();

        private Editor(final Rules from) {
            this.flags = from.flags;
            this.passwords = new ArrayList<>(from.passwords);
            for (final AclSelector s : from.selectors) {
                selectors.add(s.copy());
            }
        }

        /**
         * Applies one rule.
         *
         * @param op the rule, bytes as ISO-8859-1 characters.
         * @param commands the command ids.
         * @return null when applied, otherwise why not.
         */
        AclSelector.Failure apply(final String op, final AclCommandSet commands) {
            if (op.isEmpty()) {
                return null;
            }
            if (op.equalsIgnoreCase("on")) {
                flags = (flags | ENABLED) & ~DISABLED;
            } else if (op.equalsIgnoreCase("off")) {
                flags = (flags | DISABLED) & ~ENABLED;
            } else if (op.equalsIgnoreCase("skip-sanitize-payload")) {
                flags = (flags | SANITIZE_SKIP) & ~SANITIZE;
            } else if (op.equalsIgnoreCase("sanitize-payload")) {
                flags = (flags | SANITIZE) & ~SANITIZE_SKIP;
            } else if (op.equalsIgnoreCase("nopass")) {
                flags |= NOPASS;
                passwords.clear();
            } else if (op.equalsIgnoreCase("resetpass")) {
                flags &= ~NOPASS;
                passwords.clear();
            } else if (op.charAt(0) == '>' || op.charAt(0) == '#') {
                final String hash = op.charAt(0) == '>' ? hash(op.substring(1).getBytes(StandardCharsets.ISO_8859_1))
                    : op.substring(1);
                if (!validHash(hash)) {
                    return AclSelector.Failure.BAD_HASH;
                }
                if (!passwords.contains(hash)) {
                    passwords.add(hash);
                }
                flags &= ~NOPASS;
            } else if (op.charAt(0) == '<' || op.charAt(0) == '!') {
                final String hash = op.charAt(0) == '<' ? hash(op.substring(1).getBytes(StandardCharsets.ISO_8859_1))
                    : op.substring(1);
                if (!validHash(hash)) {
                    return AclSelector.Failure.BAD_HASH;
                }
                if (!passwords.remove(hash)) {
                    return AclSelector.Failure.NO_SUCH_PASSWORD;
                }
            } else if (op.charAt(0) == '(' && op.charAt(op.length() - 1) == ')') {
                final AclSelector selector = new AclSelector(false, commands.size());
                for (final String inner : op.substring(1, op.length() - 1).trim().split("\\s+")) {
                    final AclSelector.Failure failure = inner.isEmpty() ? null : selector.apply(inner, commands);
                    if (failure != null) {
                        return failure;
                    }
                }
                selectors.add(selector);
            } else if (op.equalsIgnoreCase("clearselectors")) {
                selectors.subList(1, selectors.size()).clear();
            } else if (op.equalsIgnoreCase("reset")) {
                apply("resetpass", commands);
                apply("resetkeys", commands);
                apply("resetchannels", commands);
                apply("off", commands);
                apply("sanitize-payload", commands);
                apply("clearselectors", commands);
                apply("-@all", commands);
            } else {
                return selectors.get(0).apply(op, commands);
            }
            return null;
        }

        private static boolean validHash(final String hash) {
            if (hash.length() != HASH_LENGTH) {
                return false;
            }
            for (int i = 0; i < HASH_LENGTH; i++) {
                final char c = hash.charAt(i);
                if ((c < 'a' || c > 'f') && (c < '0' || c > '9')) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Returns the edited rules.
         *
         * @return new immutable rules.
         */
        Rules build() {
            return new Rules(flags, List.copyOf(passwords), List.copyOf(selectors));
        }
    }
}
