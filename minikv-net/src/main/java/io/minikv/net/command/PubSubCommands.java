package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_NOSCRIPT;
import static io.minikv.net.command.CommandSpec.FLAG_PUBSUB;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;
import static io.minikv.net.command.CommandSpec.FLAG_SUBSCRIBED_OK;

import io.minikv.api.KvError;
import io.minikv.engine.pubsub.PubSubRegistry;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

import java.util.List;

/**
 * The pubsub group, as Redis 7 standalone ({@code pubsub.c}): PUBLISH, SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE,
 * PUNSUBSCRIBE, the shard variants SPUBLISH, SSUBSCRIBE, SUNSUBSCRIBE (outside a cluster a separate namespace, without
 * patterns), and PUBSUB CHANNELS / NUMSUB / NUMPAT / SHARDCHANNELS / SHARDNUMSUB / HELP.
 * <p>
 * The channels live in the engine's registry, shared with the application's subscriptions; a client's own
 * subscriptions and its queue of undelivered messages are its {@link ClientPubSub}. Stateless; the handlers run on
 * the calling client's event loop.
 */
final class PubSubCommands {
    private static final String GROUP = "pubsub";
    private static final String[] HELP = {
        "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CHANNELS [<pattern>]",
        "    Return the currently active channels matching a <pattern> (default: '*').",
        "NUMPAT",
        "    Return number of subscriptions to patterns.",
        "NUMSUB [<channel> ...]",
        "    Return the number of subscribers for the specified channels, excluding",
        "    pattern subscriptions(default: no channels).",
        "SHARDCHANNELS [<pattern>]",
        "    Return the currently active shard level channels matching a <pattern> (default: '*').",
        "SHARDNUMSUB [<shardchannel> ...]",
        "    Return the number of subscribers for the specified shard level channel(s)",
        "HELP",
        "    Prints this help."};

    private PubSubCommands() {
    }

    /**
     * Registers the family.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        final int publish = FLAG_PUBSUB | FLAG_LOADING | FLAG_STALE | FLAG_FAST | CommandSpec.FLAG_MAY_REPLICATE;
        final int subscribe = FLAG_PUBSUB | FLAG_NOSCRIPT | FLAG_LOADING | FLAG_STALE | FLAG_SUBSCRIBED_OK;
        final int query = FLAG_PUBSUB | FLAG_LOADING | FLAG_STALE;
        table.register(spec("publish", 3, publish, PubSubCommands::publish, "Posts a message to a channel.",
            "2.0.0"));
        table.register(spec("subscribe", -2, subscribe, c -> subscribe(c, ClientPubSub.Kind.CHANNEL),
            "Listens for messages published to channels.", "2.0.0"));
        table.register(spec("unsubscribe", -1, subscribe, c -> unsubscribe(c, ClientPubSub.Kind.CHANNEL),
            "Stops listening to messages posted to channels.", "2.0.0"));
        table.register(spec("psubscribe", -2, subscribe, c -> subscribe(c, ClientPubSub.Kind.PATTERN),
            "Listens for messages published to channels that match one or more patterns.", "2.0.0"));
        table.register(spec("punsubscribe", -1, subscribe, c -> unsubscribe(c, ClientPubSub.Kind.PATTERN),
            "Stops listening to messages published to channels that match one or more patterns.", "2.0.0"));
        // Shard channels act as keys only for cluster slot routing: Redis declares them as not_key key specs.
        table.register(CommandSpec.of("spublish", 3, GROUP, PubSubCommands::spublish).flags(publish).keys(1, 1, 1)
            .doc("Post a message to a shard channel", "7.0.0").build());
        table.register(CommandSpec.of("ssubscribe", -2, GROUP, c -> subscribe(c, ClientPubSub.Kind.SHARD))
            .flags(subscribe).keys(1, -1, 1).doc("Listens for messages published to shard channels.", "7.0.0")
            .build());
        table.register(CommandSpec.of("sunsubscribe", -1, GROUP, c -> unsubscribe(c, ClientPubSub.Kind.SHARD))
            .flags(subscribe).keys(1, -1, 1).doc("Stops listening to messages posted to shard channels.", "7.0.0")
            .build());
        table.register(CommandSpec.of("pubsub", -2, GROUP, null)
            .doc("A container for Pub/Sub commands.", "2.8.0")
            .sub(sub("channels", -2, query, PubSubCommands::channels, "Returns the active channels.", "2.8.0"))
            .sub(sub("numsub", -2, query, PubSubCommands::numsub,
                "Returns a count of subscribers to channels.", "2.8.0"))
            .sub(sub("numpat", 2, query, c -> c.reply().integer(c.server().pubsub().numpat()),
                "Returns a count of unique pattern subscriptions.", "2.8.0"))
            .sub(sub("shardchannels", -2, query, PubSubCommands::shardchannels,
                "Returns the active shard channels.", "7.0.0"))
            .sub(sub("shardnumsub", -2, query, PubSubCommands::shardnumsub,
                "Returns the count of subscribers of shard channels.", "7.0.0"))
            .sub(sub("help", 2, FLAG_LOADING | FLAG_STALE, PubSubCommands::help,
                "Returns helpful text about the different subcommands.", "6.2.0"))
            .build());
    }

    private static CommandSpec spec(final String name, final int arity, final int flags, final CommandHandler handler,
        final String summary, final String since) {
        return CommandSpec.of(name, arity, GROUP, handler).flags(flags).doc(summary, since).build();
    }

    private static CommandSpec sub(final String name, final int arity, final int flags, final CommandHandler handler,
        final String summary, final String since) {
        return CommandSpec.of("pubsub|" + name, arity, GROUP, handler).flags(flags).doc(summary, since).build();
    }

    static void publish(final Client c) {
        final CommandArgs a = c.args();
        c.reply().integer(c.server().pubsub().publish(a.bytes(1), a.bytes(2)));
    }

    static void spublish(final Client c) {
        final CommandArgs a = c.args();
        c.reply().integer(c.server().pubsub().spublish(a.bytes(1), a.bytes(2)));
    }

    private static void subscribe(final Client c, final ClientPubSub.Kind kind) {
        final CommandArgs a = c.args();
        final ClientPubSub state = c.pubsubState();
        for (int i = 1; i < a.count(); i++) {
            state.subscribe(kind, a.bytes(i), c.reply());
        }
    }

    private static void unsubscribe(final Client c, final ClientPubSub.Kind kind) {
        final CommandArgs a = c.args();
        final ClientPubSub state = c.pubsubState();
        if (a.count() == 1) {
            state.unsubscribeAll(kind, c.reply());
            return;
        }
        for (int i = 1; i < a.count(); i++) {
            state.unsubscribe(kind, a.bytes(i), c.reply());
        }
    }

    static void channels(final Client c) {
        if (tooManyArguments(c)) {
            return;
        }
        final CommandArgs a = c.args();
        bulks(c.reply(), c.server().pubsub().channels(a.count() == 3 ? a.bytes(2) : null));
    }

    static void shardchannels(final Client c) {
        if (tooManyArguments(c)) {
            return;
        }
        final CommandArgs a = c.args();
        bulks(c.reply(), c.server().pubsub().shardChannels(a.count() == 3 ? a.bytes(2) : null));
    }

    static void numsub(final Client c) {
        subscriberCounts(c, false);
    }

    static void shardnumsub(final Client c) {
        subscriberCounts(c, true);
    }

    /** PUBSUB NUMSUB and SHARDNUMSUB: each named channel followed by its subscriber count. */
    private static void subscriberCounts(final Client c, final boolean shard) {
        final CommandArgs a = c.args();
        final ReplyWriter reply = c.reply();
        final PubSubRegistry registry = c.server().pubsub();
        reply.array((a.count() - 2) * 2L);
        for (int i = 2; i < a.count(); i++) {
            final byte[] channel = a.bytes(i);
            reply.bulk(channel);
            reply.integer(shard ? registry.shardNumsub(channel) : registry.numsub(channel));
        }
    }

    static void help(final Client c) {
        c.reply().simpleArray(HELP);
    }

    /** CHANNELS and SHARDCHANNELS take at most one pattern; Redis answers more with this error. */
    private static boolean tooManyArguments(final Client c) {
        if (c.args().count() <= 3) {
            return false;
        }
        c.reply().error(KvError.SUBCOMMAND_SYNTAX.format(c.args().string(1), "PUBSUB"));
        return true;
    }

    private static void bulks(final ReplyWriter reply, final List<byte[]> values) {
        reply.array(values.size());
        for (final byte[] v : values) {
            reply.bulk(v);
        }
    }
}
