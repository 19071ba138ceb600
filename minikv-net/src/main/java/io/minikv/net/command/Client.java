package io.minikv.net.command;

import io.minikv.api.KvError;
import io.minikv.api.KvStore;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

/**
 * The server-side state of one client connection that commands see: selected database, authentication, name and
 * library info, the current command's arguments and the reply writer, as Redis's {@code client} struct.
 * <p>
 * Owned by the connection's event loop thread. The fields read by other clients' {@code CLIENT LIST} and
 * {@code CLIENT KILL} (name, database, last command, timestamps) are volatile.
 */
public final class Client {
    private final long id;
    private final ServerContext server;
    private final ClientControl control;
    private final String address;
    private final String localAddress;
    private final long createdMillis;
    private final ReplyWriter reply;
    private CommandArgs args;
    private KvStore db;
    private volatile int dbIndex;
    private boolean authenticated;
    /** The ACL user the connection runs as; read by other clients' CLIENT LIST and ACL DELUSER. */
    private volatile AclUser user;
    private boolean closeAfterReply;
    private volatile String name = "";
    private volatile String libName = "";
    private volatile String libVersion = "";
    private volatile String lastCommand = "NULL";
    private volatile long lastInteractionMillis;
    private long rangeStart;
    private Transaction transaction;
    private volatile ClientPubSub pubsub;
    private volatile boolean monitoring;
    private boolean monitorCloseHook;
    private boolean script;
    /** CLIENT NO-EVICT ON: shown in CLIENT LIST (mini-kv never evicts clients). */
    private volatile boolean noEvict;
    /** CLIENT REPLY state, {@code REPLY_*} bits; 0 (replies on) for nearly every client. */
    private int replyFlags;
    /** The command that suspended the connection (a blocked command, a script), to record when it completes. */
    private CommandSpec deferredSpec;
    /** Its arguments as the slow log keeps them, or null. */
    private byte[][] deferredArgv;
    /** The execution time of that command so far, nanoseconds. */
    private long deferredNanos;
    /** Keys written inside EXEC or a script, signalled to blocked clients once it ends: db index, key, ... */
    private java.util.ArrayList<Object> heldSignals;

    /** CLIENT REPLY OFF: no reply is sent. */
    static final int REPLY_OFF = 1;
    /** CLIENT REPLY SKIP was the last command: the next command's replies are dropped. */
    static final int REPLY_SKIP_NEXT = 2;
    /** The replies of the command running now are dropped. */
    static final int REPLY_SKIP = 4;

    /**
     * Creates the state of a new connection.
     *
     * @param id the unique client id.
     * @param server the shared server context.
     * @param control the connection.
     * @param address the peer as {@code ip:port}.
     * @param localAddress the local end as {@code ip:port}.
     * @param reply the connection's reply writer.
     * @param nowMillis the current time.
     */
    public Client(final long id, final ServerContext server, final ClientControl control, final String address,
        final String localAddress, final ReplyWriter reply, final long nowMillis) {
        this.id = id;
        this.server = server;
        this.control = control;
        this.address = address;
        this.localAddress = localAddress;
        this.reply = reply;
        this.createdMillis = nowMillis;
        this.lastInteractionMillis = nowMillis;
        this.db = server.store();
        this.user = server.acl().defaultUser();
        this.authenticated = user.rules().openToAll();
    }

    /** @return the unique client id. */
    public long id() {
        return id;
    }

    /** @return the shared server context. */
    public ServerContext server() {
        return server;
    }

    /** @return the connection controls. */
    public ClientControl control() {
        return control;
    }

    /** @return the peer address {@code ip:port}. */
    public String address() {
        return address;
    }

    /** @return the local address {@code ip:port}. */
    public String localAddress() {
        return localAddress;
    }

    /** @return when the connection was accepted, Unix milliseconds. */
    public long createdMillis() {
        return createdMillis;
    }

    /** @return the current command's arguments. */
    public CommandArgs args() {
        return args;
    }

    /**
     * Parses argument {@code i} as a Redis integer into {@code args().longValue()}, or replies
     * {@code ERR value is not an integer or out of range} (Redis's {@code getLongLongFromObjectOrReply}).
     *
     * @param i the argument index.
     * @return true when parsed; false when the error reply was written and the command must stop.
     */
    public boolean parseLongOrReply(final int i) {
        if (args.parseLong(i)) {
            return true;
        }
        reply().error(KvError.NOT_INTEGER);
        return false;
    }

    /**
     * Parses arguments {@code i} and {@code i + 1} as the integer pair {@code start end} of the index-range commands
     * (GETRANGE, LRANGE, LTRIM, ZREMRANGEBYRANK): the start is then {@link #rangeStart()}, the end
     * {@code args().longValue()}. Replies {@code ERR value is not an integer or out of range} for the first bad one.
     *
     * @param i the index of the start.
     * @return true when both parsed; false when the error reply was written and the command must stop.
     */
    public boolean parseRangeOrReply(final int i) {
        if (!parseLongOrReply(i)) {
            return false;
        }
        rangeStart = args.longValue();
        return parseLongOrReply(i + 1);
    }

    /** @return the client's MULTI/WATCH state, created on first use. */
    Transaction transaction() {
        if (transaction == null) {
            transaction = new Transaction();
        }
        return transaction;
    }

    /** @return whether the client is between MULTI and EXEC/DISCARD. */
    boolean inMulti() {
        return transaction != null && transaction.active();
    }

    /**
     * Keeps a written key to signal to blocked clients when the transaction or script running now ends, as Redis
     * serves blocked clients only after the whole command (EXEC, EVAL) ran.
     *
     * @param db the key's database.
     * @param key the key.
     */
    void holdSignal(final int db, final byte[] key) {
        if (heldSignals == null) {
            heldSignals = new java.util.ArrayList<>();
        }
        heldSignals.add(db);
        heldSignals.add(key.clone());
    }

    /** Signals the keys {@link #holdSignal} kept, in the order they were written. */
    void releaseSignals() {
        if (heldSignals == null || heldSignals.isEmpty()) {
            return;
        }
        final Object[] held = heldSignals.toArray();
        heldSignals.clear();
        for (int i = 0; i < held.length; i += 2) {
            server.blocking().signal((Integer) held[i], (byte[]) held[i + 1]);
        }
    }

    /** @return whether this is the client scripts run their commands as (Redis's {@code CLIENT_SCRIPT}). */
    boolean isScript() {
        return script;
    }

    /** Marks this client as the scripts' client. */
    void markScript() {
        script = true;
    }

    /** @return whether the client's EXEC is running its queued commands. */
    public boolean inExec() {
        return transaction != null && transaction.executing();
    }

    /** @return the start parsed by the last successful {@link #parseRangeOrReply(int)}. */
    public long rangeStart() {
        return rangeStart;
    }

    /**
     * Sets the current command's arguments; called by the dispatcher.
     *
     * @param args the arguments.
     */
    void args(final CommandArgs args) {
        this.args = args;
    }

    /** @return the reply writer. */
    public ReplyWriter reply() {
        return reply;
    }

    /** @return the selected database. */
    public KvStore db() {
        return db;
    }

    /** @return the selected database index. */
    public int dbIndex() {
        return dbIndex;
    }

    /**
     * Selects a database.
     *
     * @param store the database view.
     */
    public void select(final KvStore store) {
        this.db = store;
        this.dbIndex = store.databaseIndex();
    }

    /** @return whether the client authenticated, or started authenticated as an open default user. */
    public boolean authenticated() {
        return authenticated;
    }

    /**
     * Returns whether the client must authenticate before commands other than AUTH, HELLO, QUIT and RESET, as
     * Redis's {@code authRequired}: it has not, and the default user is not on with {@code nopass}.
     *
     * @return true when such commands get NOAUTH.
     */
    public boolean authRequired() {
        return !authenticated && server.acl().authRequired();
    }

    /** @return the ACL user the connection runs as. */
    AclUser user() {
        return user;
    }

    /**
     * Sets the ACL user (AUTH, HELLO AUTH, RESET, the script client taking its caller's user).
     *
     * @param value the user.
     */
    void user(final AclUser value) {
        this.user = value;
    }

    /**
     * Sets the authentication state.
     *
     * @param value true after a successful AUTH.
     */
    public void authenticated(final boolean value) {
        this.authenticated = value;
    }

    /** @return whether the connection closes once the pending replies are sent. */
    public boolean closeAfterReply() {
        return closeAfterReply;
    }

    /** Closes the connection after the current replies are sent (QUIT, protocol errors). */
    public void closeAfterReply(final boolean value) {
        this.closeAfterReply = value;
    }

    /** @return the name set by CLIENT SETNAME, empty when none. */
    public String name() {
        return name;
    }

    /**
     * Sets the connection name.
     *
     * @param value the name, empty to clear.
     */
    public void name(final String value) {
        this.name = value;
    }

    /** @return the library name from CLIENT SETINFO. */
    public String libName() {
        return libName;
    }

    /** @return the library version from CLIENT SETINFO. */
    public String libVersion() {
        return libVersion;
    }

    /**
     * Sets the library name.
     *
     * @param value the name.
     */
    public void libName(final String value) {
        this.libName = value;
    }

    /**
     * Sets the library version.
     *
     * @param value the version.
     */
    public void libVersion(final String value) {
        this.libVersion = value;
    }

    /** @return the last command's name, as CLIENT LIST shows it. */
    public String lastCommand() {
        return lastCommand;
    }

    /**
     * Records the last command.
     *
     * @param value the command's full name.
     */
    void lastCommand(final String value) {
        this.lastCommand = value;
    }

    /** @return when the client last sent a command, Unix milliseconds. */
    public long lastInteractionMillis() {
        return lastInteractionMillis;
    }

    /**
     * Records activity.
     *
     * @param nowMillis the current time.
     */
    public void touch(final long nowMillis) {
        this.lastInteractionMillis = nowMillis;
    }

    /** @return whether CLIENT NO-EVICT is on. May be read from any thread. */
    boolean noEvict() {
        return noEvict;
    }

    /**
     * Sets CLIENT NO-EVICT.
     *
     * @param value true for ON.
     */
    void noEvict(final boolean value) {
        this.noEvict = value;
    }

    /** @return whether CLIENT REPLY changed anything: only then does the connection mute or unmute its replies. */
    public boolean repliesControlled() {
        return replyFlags != 0;
    }

    /**
     * Starts a command of the connection's own, as Redis's {@code resetClient} for the previous one: a pending
     * CLIENT REPLY SKIP applies to this command.
     *
     * @return whether this command's replies are dropped.
     */
    public boolean beginCommandReplies() {
        if ((replyFlags & REPLY_SKIP_NEXT) != 0) {
            replyFlags = replyFlags & ~REPLY_SKIP_NEXT | REPLY_SKIP;
        }
        return (replyFlags & (REPLY_OFF | REPLY_SKIP)) != 0;
    }

    /**
     * Ends a command of the connection's own (after its reply, for a blocked command once it was served).
     *
     * @return whether the replies that follow (pub/sub messages, the next command's) are dropped.
     */
    public boolean endCommandReplies() {
        replyFlags &= ~REPLY_SKIP;
        return (replyFlags & REPLY_OFF) != 0;
    }

    /** @return the CLIENT REPLY bits. */
    int replyFlags() {
        return replyFlags;
    }

    /**
     * Sets the CLIENT REPLY bits.
     *
     * @param flags {@code REPLY_*} bits.
     */
    void replyFlags(final int flags) {
        this.replyFlags = flags;
    }

    /**
     * Keeps a command that suspended the connection, to record its execution time when it completes.
     *
     * @param spec the command.
     * @param argv the arguments as the slow log keeps them, or null.
     * @param nanos its execution time so far.
     */
    void deferCommand(final CommandSpec spec, final byte[][] argv, final long nanos) {
        deferredSpec = spec;
        deferredArgv = argv;
        deferredNanos = nanos;
    }

    /**
     * Adds execution time to the command that suspended the connection (a script's run on the scripting thread).
     *
     * @param nanos the time to add.
     */
    void addDeferredNanos(final long nanos) {
        deferredNanos += nanos;
    }

    /** Forgets the command that suspended the connection: it ends without being slow-logged (a timed-out wait). */
    void dropDeferredCommand() {
        deferredSpec = null;
        deferredArgv = null;
    }

    /**
     * Records the command that suspended the connection, now that it completed (slow log, latency monitor and
     * histogram). Called by the connection when it resumes.
     */
    public void completeDeferredCommand() {
        final CommandSpec spec = deferredSpec;
        if (spec != null) {
            final byte[][] argv = deferredArgv;
            deferredSpec = null;
            deferredArgv = null;
            server.timing().completed(this, spec, argv, deferredNanos);
        }
    }

    /** @return whether the client is in MONITOR mode (Redis's CLIENT_MONITOR). May be read from any thread. */
    public boolean monitoring() {
        return monitoring;
    }

    /**
     * Enters MONITOR mode: the executed commands of every client are shown to this one from now on.
     */
    void startMonitoring() {
        pubsubState();
        if (!monitorCloseHook) {
            monitorCloseHook = true;
            control.onClose(() -> server.monitors().remove(this));
        }
        monitoring = true;
        server.monitors().add(this);
    }

    /**
     * Leaves MONITOR mode (RESET).
     */
    void stopMonitoring() {
        monitoring = false;
        server.monitors().remove(this);
    }

    /** @return the client's pub/sub state, or null before its first subscription. May be read from any thread. */
    public ClientPubSub pubsub() {
        return pubsub;
    }

    /** @return the client's pub/sub state, created (and dropped with the connection) on first use. */
    ClientPubSub pubsubState() {
        if (pubsub == null) {
            final ClientPubSub state = new ClientPubSub(server, control);
            control.onClose(state::clear);
            pubsub = state;
        }
        return pubsub;
    }

    /** @return whether the client has any subscription: RESP2 then allows only the pub/sub context commands. */
    boolean subscribed() {
        final ClientPubSub state = pubsub;
        return state != null && state.subscribed();
    }
}
