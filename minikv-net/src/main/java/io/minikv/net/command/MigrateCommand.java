package io.minikv.net.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.minikv.api.KvError;
import io.minikv.net.resp.CommandArgs;

/**
 * {@code MIGRATE host port key|"" destination-db timeout [COPY] [REPLACE] [AUTH password] [AUTH2 username password]
 * [KEYS key...]} as Redis 7.0's {@code migrateCommand} ({@code cluster.c}): DUMPs the keys, sends {@code AUTH},
 * {@code SELECT} and one {@code RESTORE key ttl payload [REPLACE]} per key to the target in one write, reads the
 * replies, and deletes each key the target restored unless {@code COPY}.
 * <p>
 * <b>Blocking.</b> As in Redis, the command runs synchronously: the connect, the write and each reply wait up to
 * {@code timeout} ms on the client's event loop, holding up that loop's other clients (Redis holds up every
 * client). Unlike Redis, the connection is not cached for the next MIGRATE (Redis keeps it 10 s), so each MIGRATE
 * connects and sends SELECT anew, and an I/O error is not retried on a new connection.
 */
final class MigrateCommand {
    private static final String GROUP = "generic";

    private MigrateCommand() {
    }

    /**
     * Registers MIGRATE.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        table.register(CommandSpec.of("migrate", -6, GROUP, MigrateCommand::migrate)
            .flags(CommandSpec.FLAG_WRITE).keys(3, 3, 1)
            .doc("Atomically transfers a key from one Redis instance to another.", "2.6.0").build());
    }

    static void migrate(final Client c) {
        final CommandArgs a = c.args();
        final int n = a.count();
        boolean copy = false;
        boolean replace = false;
        byte[] username = null;
        byte[] password = null;
        int firstKey = 3;
        int numKeys = 1;
        for (int j = 6; j < n; j++) {
            final int more = n - 1 - j;
            if (a.is(j, Keywords.COPY)) {
                copy = true;
            } else if (a.is(j, Keywords.REPLACE)) {
                replace = true;
            } else if (a.is(j, Keywords.AUTH)) {
                if (more < 1) {
                    c.reply().error(KvError.SYNTAX);
                    return;
                }
                password = a.bytes(++j);
            } else if (a.is(j, Keywords.AUTH2)) {
                if (more < 2) {
                    c.reply().error(KvError.SYNTAX);
                    return;
                }
                username = a.bytes(++j);
                password = a.bytes(++j);
            } else if (a.is(j, Keywords.KEYS)) {
                if (a.bytes(3).length != 0) {
                    c.reply().error(KvError.MIGRATE_KEYS_WITH_KEY);
                    return;
                }
                firstKey = j + 1;
                numKeys = n - j - 1;
                break;
            } else {
                c.reply().error(KvError.SYNTAX);
                return;
            }
        }
        if (!c.parseLongOrReply(5)) {
            return;
        }
        final long timeoutArg = a.longValue();
        if (!c.parseLongOrReply(4)) {
            return;
        }
        final long dbid = a.longValue();
        final int timeout = timeoutArg <= 0 ? 1000 : (int) Math.min(timeoutArg, Integer.MAX_VALUE);
        final List<byte[]> keys = new ArrayList<>();
        final List<byte[]> payloads = new ArrayList<>();
        final List<Long> ttls = new ArrayList<>();
        for (int i = firstKey; i < firstKey + numKeys; i++) {
            final byte[] key = a.bytes(i);
            final byte[] payload = c.db().dump(key);
            if (payload == null) {
                continue;
            }
            final long pttl = c.db().pttl(key);
            if (pttl == -2) {
                continue;
            }
            keys.add(key);
            payloads.add(payload);
            ttls.add(pttl < 0 ? 0 : Math.max(pttl, 1));
        }
        if (keys.isEmpty()) {
            c.reply().simple("NOKEY");
            return;
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (password != null) {
            command(out, username == null ? List.of(Keywords.AUTH, password)
                : List.of(Keywords.AUTH, username, password));
        }
        command(out, List.of(bytes("SELECT"), bytes(Long.toString(dbid))));
        for (int i = 0; i < keys.size(); i++) {
            final List<byte[]> restore = new ArrayList<>(List.of(bytes("RESTORE"), keys.get(i),
                bytes(Long.toString(ttls.get(i))), payloads.get(i)));
            if (replace) {
                restore.add(Keywords.REPLACE);
            }
            command(out, restore);
        }
        final String host = a.string(1);
        final int port = (int) Math.max(0, Math.min(65535, GetKeys.atoi(a.string(2))));
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(host, port), timeout);
                socket.setSoTimeout(timeout);
                socket.setTcpNoDelay(true);
            } catch (final java.net.ConnectException e) {
                // Redis's non-blocking connect reports a refused connection as writable: its write then fails.
                c.reply().error(KvError.MIGRATE_WRITE);
                return;
            } catch (final IOException | IllegalArgumentException e) {
                c.reply().error(KvError.MIGRATE_CONNECT);
                return;
            }
            try {
                final OutputStream os = socket.getOutputStream();
                os.write(out.toByteArray());
                os.flush();
            } catch (final IOException e) {
                c.reply().error(KvError.MIGRATE_WRITE);
                return;
            }
            exchange(c, socket, keys, password != null, copy);
        } catch (final IOException e) {
            // Closing the socket failed after the exchange: nothing left to report.
            return;
        }
    }

    /** Reads AUTH's, SELECT's and each RESTORE's reply line; the first error the target sent is the reply. */
    private static void exchange(final Client c, final Socket socket, final List<byte[]> keys, final boolean auth,
        final boolean copy) throws IOException {
        final InputStream in = socket.getInputStream();
        final String authReply;
        final String selectReply;
        try {
            authReply = auth ? readLine(in) : null;
            selectReply = readLine(in);
        } catch (final IOException e) {
            c.reply().error(KvError.MIGRATE_READ);
            return;
        }
        String targetError = null;
        boolean socketError = false;
        for (final byte[] key : keys) {
            final String line;
            try {
                line = readLine(in);
            } catch (final IOException e) {
                socketError = true;
                break;
            }
            final String error = authReply != null && authReply.startsWith("-") ? authReply
                : selectReply.startsWith("-") ? selectReply : line.startsWith("-") ? line : null;
            if (error != null) {
                if (targetError == null) {
                    targetError = error;
                }
            } else if (!copy) {
                c.db().del(key);
            }
        }
        if (targetError != null) {
            c.reply().error(KvError.MIGRATE_TARGET_ERROR.format(targetError.substring(1)));
        } else if (socketError) {
            c.reply().error(KvError.MIGRATE_READ);
        } else {
            c.reply().ok();
        }
    }

    /** Redis's {@code syncReadLine}: one line without its CRLF; an empty read is an error. */
    private static String readLine(final InputStream in) throws IOException {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            final int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b == '\n') {
                break;
            }
            line.write(b);
        }
        final byte[] bytes = line.toByteArray();
        final int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        if (length == 0) {
            throw new IOException("empty reply line");
        }
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private static void command(final ByteArrayOutputStream out, final List<byte[]> args) {
        out.writeBytes(bytes("*" + args.size() + "\r\n"));
        for (final byte[] arg : args) {
            out.writeBytes(bytes("$" + arg.length + "\r\n"));
            out.writeBytes(arg);
            out.writeBytes(bytes("\r\n"));
        }
    }

    private static byte[] bytes(final String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
