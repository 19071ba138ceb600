package io.minikv.net.command;

import java.util.Locale;

/**
 * One of Redis 7's protection settings ({@code enable-protected-configs}, {@code enable-debug-command}): {@code no}
 * (the default) refuses the protected action to everyone, {@code yes} allows it to everyone, {@code local} to
 * loopback clients only (Redis's {@code allowProtectedAction}). Fixed at startup, as in Redis.
 *
 * @param name the setting's name, as CONFIG GET shows it.
 * @param value {@code no}, {@code yes} or {@code local}, in lower case.
 */
public record ProtectedSetting(String name, String value) {
    /**
     * Parses a setting.
     *
     * @param name the setting's name.
     * @param value {@code yes}, {@code no} or {@code local}, in any case.
     * @return the setting.
     * @throws IllegalArgumentException for another value.
     */
    public static ProtectedSetting of(final String name, final String value) {
        final String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.equals("yes") && !lower.equals("no") && !lower.equals("local")) {
            throw new IllegalArgumentException(name + " must be yes, no or local: " + value);
        }
        return new ProtectedSetting(name, lower);
    }

    /**
     * Tells whether a client may take the protected action.
     *
     * @param peerAddress the client's address, {@code ip:port}.
     * @return true for {@code yes}, and for {@code local} when the client connects from a loopback address.
     */
    public boolean allows(final String peerAddress) {
        if (value.equals("yes")) {
            return true;
        }
        return value.equals("local") && (peerAddress.startsWith("127.") || peerAddress.startsWith("[::1]")
            || peerAddress.startsWith("::1") || peerAddress.startsWith("0:0:0:0:0:0:0:1"));
    }
}
