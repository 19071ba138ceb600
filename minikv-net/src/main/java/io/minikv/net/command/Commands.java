package io.minikv.net.command;

/**
 * Builds the command table from the command families. Adding a family is one class with a
 * {@code register(CommandTable)} method plus one line here.
 */
public final class Commands {
    private Commands() {
    }

    /**
     * Returns a table holding every command mini-kv serves.
     *
     * @return a new table.
     */
    public static CommandTable table() {
        final CommandTable table = new CommandTable();
        ConnectionCommands.register(table);
        ClientCommands.register(table);
        AclCommands.register(table);
        ServerCommands.register(table);
        PersistenceCommands.register(table);
        InfoCommand.register(table);
        ConfigCommands.register(table);
        CommandCommands.register(table);
        KeyCommands.register(table);
        MigrateCommand.register(table);
        SortCommands.register(table);
        ExpireCommands.register(table);
        StringCommands.register(table);
        SortedSetCommands.register(table);
        SetCommands.register(table);
        ListCommands.register(table);
        HashCommands.register(table);
        GeoCommands.register(table);
        TransactionCommands.register(table);
        PubSubCommands.register(table);
        ObjectCommands.register(table);
        MemoryCommands.register(table);
        ScriptingCommands.register(table);
        FunctionCommands.register(table);
        BitmapCommands.register(table);
        HyperLogLogCommands.register(table);
        StreamCommands.register(table);
        DebugCommands.register(table);
        SlowLogCommands.register(table);
        LatencyCommands.register(table);
        LolwutCommand.register(table);
        return table;
    }
}
