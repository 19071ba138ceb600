package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_ADMIN;
import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_NOSCRIPT;
import static io.minikv.net.command.CommandSpec.FLAG_NO_MULTI;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;

import io.minikv.api.KvError;
import io.minikv.net.resp.CommandArgs;

/**
 * SAVE, BGSAVE and LASTSAVE ({@code rdb.c}'s commands). The state they share with save points, SHUTDOWN, CONFIG and
 * INFO is {@link Persistence}.
 * <p>
 * <b>SAVE</b> runs alone behind the {@link ExecGate}, as EXEC does: no other RESP client runs a command while it
 * writes, so the snapshot is point-in-time for RESP clients (the embedding application's own threads are not held
 * back). <b>BGSAVE</b> runs on a thread of its own and returns at once; it reads segment by segment under their locks
 * while clients go on writing, so each key is saved whole but the snapshot is not one instant (see the README).
 */
final class PersistenceCommands {
    private static final String GROUP = "server";

    private PersistenceCommands() {
    }

    /**
     * Registers the family.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        table.register(CommandSpec.of("save", 1, GROUP, PersistenceCommands::save)
            .flags(FLAG_ADMIN | FLAG_NOSCRIPT | FLAG_NO_MULTI)
            .doc("Synchronously save the dataset to disk", "1.0.0").build());
        table.register(CommandSpec.of("bgsave", -1, GROUP, PersistenceCommands::bgsave)
            .flags(FLAG_ADMIN | FLAG_NOSCRIPT).doc("Asynchronously save the dataset to disk", "1.0.0").build());
        table.register(CommandSpec.of("lastsave", 1, GROUP, c -> c.reply().integer(c.server().persistence().lastSave()))
            .flags(FLAG_LOADING | FLAG_STALE | FLAG_FAST)
            .doc("Get the UNIX time stamp of the last successful save to disk", "1.0.0").build());
    }

    static void save(final Client c) {
        final Persistence p = c.server().persistence();
        if (p.backgroundSaveInProgress()) {
            c.reply().error(KvError.BGSAVE_IN_PROGRESS);
            return;
        }
        final boolean[] ok = new boolean[1];
        saveAlone(c, () -> ok[0] = p.saveNow());
        if (ok[0]) {
            c.reply().ok();
        } else {
            c.reply().error(KvError.SAVE_FAILED);
        }
    }

    /**
     * Runs a save with no other RESP command running (already so inside EXEC, whose gate is not re-entrant).
     *
     * @param c the client.
     * @param body the save.
     */
    static void saveAlone(final Client c, final Runnable body) {
        if (c.inExec()) {
            body.run();
        } else {
            c.server().execGate().exclusive(c.control().gateSlot(), body);
        }
    }

    static void bgsave(final Client c) {
        final CommandArgs a = c.args();
        if (a.count() > 2 || (a.count() == 2 && !a.is(1, Keywords.SCHEDULE))) {
            c.reply().error(KvError.SYNTAX);
            return;
        }
        final Persistence p = c.server().persistence();
        if (p.backgroundSaveInProgress()) {
            c.reply().error(KvError.BGSAVE_IN_PROGRESS);
        } else if (c.inExec()) {
            // As Redis: a fork inside EXEC would break its atomicity, so the save starts after it, SCHEDULE or not.
            p.scheduleBackgroundSave();
            c.reply().simple("Background saving scheduled");
        } else if (p.startBackgroundSave()) {
            c.reply().simple("Background saving started");
        } else {
            c.reply().error(KvError.BGSAVE_IN_PROGRESS);
        }
    }
}
