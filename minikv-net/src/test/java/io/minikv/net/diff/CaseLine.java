package io.minikv.net.diff;

import java.util.List;

/**
 * One line of a case file: a command (or raw bytes) plus how its replies are compared.
 *
 * @param file      the case file's name, for messages
 * @param lineNo    the 1-based line number
 * @param source    the line as written, for messages
 * @param args      the command's arguments; empty for a raw line
 * @param raw       bytes to send verbatim ({@code !raw}), or {@code null}
 * @param rule      how the two replies are compared
 * @param replies   how many replies to read (1, or {@code !replies=N} for raw lines and pipelines)
 * @param closes    whether the server must close the connection after the replies ({@code !closes})
 * @param skipRedis whether the line goes to the server under test only ({@code !skip-redis})
 * @param expect    the exact reply bytes required from every server that receives the line, or {@code null}
 * @param reason    the explanation given for {@code !ignore} (the comment on the line or above it)
 */
record CaseLine(String file, int lineNo, String source, List<byte[]> args, byte[] raw, CompareRule rule, int replies,
                boolean closes, boolean skipRedis, byte[] expect, String reason) {

    /** Returns the command name in lower case, or {@code null} for a raw line. */
    String commandName() {
        if (args.isEmpty()) {
            return null;
        }
        return new String(args.get(0), java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Returns {@code file:line}. */
    String where() {
        return file + ":" + lineNo;
    }
}
