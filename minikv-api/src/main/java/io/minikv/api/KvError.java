package io.minikv.api;

/**
 * The catalogue of error replies, with Redis 7's exact texts.
 * <p>
 * Every error mini-kv reports, embedded or over RESP, comes from here: the server writes {@link #text()} verbatim
 * as a RESP error line (without the leading {@code '-'}), and the embedded store throws a {@link KvException}
 * carrying the constant. Errors whose text depends on the command (arity, unknown command, invalid expire time)
 * have a formatter method next to their constant.
 * <p>
 * Add new texts here, never as literals elsewhere; check each against a real {@code redis-server}.
 */
public enum KvError {
    /** A command applied to a key holding another type. */
    WRONGTYPE("WRONGTYPE Operation against a key holding the wrong kind of value"),
    /** An argument or stored value that is not a 64-bit signed integer. */
    NOT_INTEGER("ERR value is not an integer or out of range"),
    /** An argument or stored value that is not a valid float. */
    NOT_FLOAT("ERR value is not a valid float"),
    /** Unknown or misplaced option. */
    SYNTAX("ERR syntax error"),
    /** RENAME and similar on a missing key. */
    NO_SUCH_KEY("ERR no such key"),
    /** INCR family result outside the signed 64-bit range. */
    INCR_OVERFLOW("ERR increment or decrement would overflow"),
    /** INCRBYFLOAT producing NaN or an infinity. */
    INCR_NAN_OR_INFINITY("ERR increment would produce NaN or Infinity"),
    /** SETRANGE / GETRANGE style offsets that are negative or too large. */
    OFFSET_OUT_OF_RANGE("ERR offset is out of range"),
    /** A string that would grow beyond proto-max-bulk-len (512 MB by default). */
    STRING_TOO_LONG("ERR string exceeds maximum allowed size (proto-max-bulk-len)"),
    /** A write refused because the memory limit is reached (noeviction). */
    OOM("OOM command not allowed when used memory > 'maxmemory'."),
    /** SELECT, MOVE, COPY DB with a database index outside the configured range. */
    DB_INDEX_OUT_OF_RANGE("ERR DB index is out of range"),
    /** MOVE to the same database, and similar. */
    SAME_OBJECT("ERR source and destination objects are the same"),
    /** SWAPDB with a first index that is not a 32-bit integer. */
    SWAPDB_INVALID_FIRST("ERR invalid first DB index"),
    /** SWAPDB with a second index that is not a 32-bit integer. */
    SWAPDB_INVALID_SECOND("ERR invalid second DB index"),
    /** SORT (numeric) meeting an element or BY value that does not parse as a double. */
    SORT_NOT_DOUBLE("ERR One or more scores can't be converted into double"),
    /** A SCAN cursor that is not an unsigned 64-bit integer. */
    INVALID_CURSOR("ERR invalid cursor"),
    /** EXPIRE family with NX combined with XX, GT or LT. */
    EXPIRE_NX_INCOMPATIBLE("ERR NX and XX, GT or LT options at the same time are not compatible"),
    /** EXPIRE family with both GT and LT. */
    EXPIRE_GT_LT_INCOMPATIBLE("ERR GT and LT options at the same time are not compatible"),
    /** ZADD with both NX and XX. */
    ZADD_NX_XX("ERR XX and NX options at the same time are not compatible"),
    /** ZADD combining GT, LT and NX. */
    ZADD_GT_LT_NX("ERR GT, LT, and/or NX options at the same time are not compatible"),
    /** ZADD INCR with more than one score-member pair. */
    ZADD_INCR_PAIR("ERR INCR option supports a single increment-element pair"),
    /** Template: GEOADD, FROMLONLAT, GEORADIUS with a position outside Redis's limits ({@link #invalidLonLat}). */
    GEO_INVALID_LONLAT("ERR invalid longitude,latitude pair %s,%s"),
    /** A geo distance unit other than m, km, ft, mi. */
    GEO_UNIT("ERR unsupported unit provided. please use M, KM, FT, MI"),
    /** FROMMEMBER or GEORADIUSBYMEMBER naming a member the set lacks. */
    GEO_MEMBER_NOT_FOUND("ERR could not decode requested zset member"),
    /** A BYRADIUS or GEORADIUS radius that is not a float. */
    GEO_RADIUS_NOT_NUMERIC("ERR need numeric radius"),
    /** A negative radius. */
    GEO_RADIUS_NEGATIVE("ERR radius cannot be negative"),
    /** A BYBOX width that is not a float. */
    GEO_WIDTH_NOT_NUMERIC("ERR need numeric width"),
    /** A BYBOX height that is not a float. */
    GEO_HEIGHT_NOT_NUMERIC("ERR need numeric height"),
    /** A negative BYBOX width or height. */
    GEO_BOX_NEGATIVE("ERR height or width cannot be negative"),
    /** A geo COUNT below 1. */
    GEO_COUNT_NOT_POSITIVE("ERR COUNT must be > 0"),
    /** ANY without COUNT. */
    GEO_ANY_NEEDS_COUNT("ERR the ANY argument requires COUNT argument"),
    /** Template: a store option with WITHDIST, WITHHASH or WITHCOORD ({@code GEOSEARCHSTORE} or
     * {@code STORE option in GEORADIUS}). */
    GEO_STORE_INCOMPATIBLE("ERR %s is not compatible with WITHDIST, WITHHASH and WITHCOORD options"),
    /** Template: GEOSEARCH without FROMMEMBER or FROMLONLAT; the command name as the client sent it. */
    GEO_NEED_FROM("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for %s"),
    /** Template: GEOSEARCH without BYRADIUS or BYBOX; the command name as the client sent it. */
    GEO_NEED_BY("ERR exactly one of BYRADIUS and BYBOX can be specified for %s"),
    /** ZINCRBY or ZADD INCR whose result is NaN ({@code inf + -inf}). */
    SCORE_NAN("ERR resulting score is not a number (NaN)"),
    /** A score range bound that is not a float or {@code (float}. */
    MIN_MAX_NOT_FLOAT("ERR min or max is not a float"),
    /** A lex range bound that is not {@code -}, {@code +}, {@code [x} or {@code (x}. */
    MIN_MAX_NOT_LEX("ERR min or max not valid string range item"),
    /** ZRANGE with LIMIT but neither BYSCORE nor BYLEX. */
    ZRANGE_LIMIT_NEEDS_BY("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"),
    /** ZRANGE BYLEX with WITHSCORES. */
    ZRANGE_BYLEX_WITHSCORES("ERR syntax error, WITHSCORES not supported in combination with BYLEX"),
    /** ZPOPMIN / ZPOPMAX with a negative count. */
    COUNT_NOT_POSITIVE("ERR value is out of range, must be positive"),
    /** ZRANDMEMBER with a count of -2^63. */
    RANDMEMBER_COUNT_RANGE("ERR value is out of range, value must between -9223372036854775807 and "
        + "9223372036854775807"),
    /** ZRANDMEMBER WITHSCORES with a count whose double would overflow. */
    VALUE_OUT_OF_RANGE("ERR value is out of range"),
    /** ZMPOP, ZINTERCARD and friends with numkeys below 1. */
    NUMKEYS_NOT_POSITIVE("ERR numkeys should be greater than 0"),
    /** SINTERCARD with a numkeys larger than the number of arguments that follow it. */
    NUMKEYS_EXCEED_ARGS("ERR Number of keys can't be greater than number of args"),
    /** ZMPOP with COUNT below 1. */
    COUNT_SHOULD_BE_POSITIVE("ERR count should be greater than 0"),
    /** ZUNIONSTORE and friends with a WEIGHTS value that is not a float. */
    WEIGHT_NOT_FLOAT("ERR weight value is not a float"),
    /** ZINTERCARD with a negative LIMIT. */
    LIMIT_NEGATIVE("ERR LIMIT can't be negative"),
    /** LSET with an index outside the list. */
    INDEX_OUT_OF_RANGE("ERR index out of range"),
    /** LPOS with RANK 0. */
    LPOS_RANK_ZERO("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use "
        + "negative to start from the end of the list"),
    /** LPOS with a COUNT that is negative or not an integer. */
    LPOS_COUNT_NEGATIVE("ERR COUNT can't be negative"),
    /** LPOS with a MAXLEN that is negative or not an integer. */
    LPOS_MAXLEN_NEGATIVE("ERR MAXLEN can't be negative"),
    /** Blocking commands with a timeout that does not parse. */
    TIMEOUT_NOT_FLOAT("ERR timeout is not a float or out of range"),
    /** Blocking commands with a negative timeout. */
    TIMEOUT_NEGATIVE("ERR timeout is negative"),
    /** HINCRBY on a field whose value is not a 64-bit signed integer. */
    HASH_VALUE_NOT_INTEGER("ERR hash value is not an integer"),
    /** HINCRBYFLOAT on a field whose value is not a float. */
    HASH_VALUE_NOT_FLOAT("ERR hash value is not a float"),
    /** HINCRBYFLOAT with an infinite increment. */
    VALUE_NAN_OR_INFINITY("ERR value is NaN or Infinity"),
    /** A stream ID argument that does not parse, or {@code -}/{@code +} where a concrete ID is needed. */
    STREAM_INVALID_ID("ERR Invalid stream ID specified as stream command argument"),
    /** XADD with an ID not above the stream's last generated ID. */
    STREAM_ID_NOT_GREATER("ERR The ID specified in XADD is equal or smaller than the target stream top item"),
    /** XADD with the ID 0-0. */
    STREAM_ID_ZERO("ERR The ID specified in XADD must be greater than 0-0"),
    /** XADD {@code ms-*} when the sequence of {@code ms} is exhausted (Redis 7.0 reports it so). */
    STREAM_ELEMENTS_TOO_LARGE("ERR Elements are too large to be stored"),
    /** XADD to a stream whose last generated ID is the largest possible. */
    STREAM_EXHAUSTED("ERR The stream has exhausted the last possible ID, unable to add more items"),
    /** XADD or XTRIM with a negative MAXLEN. */
    STREAM_MAXLEN_NEGATIVE("ERR The MAXLEN argument must be >= 0."),
    /** XADD or XTRIM with a negative LIMIT. */
    STREAM_LIMIT_NEGATIVE("ERR The LIMIT argument must be >= 0."),
    /** XADD or XTRIM with LIMIT but exact trimming. */
    STREAM_LIMIT_WITHOUT_APPROX("ERR syntax error, LIMIT cannot be used without the special ~ option"),
    /** XADD with LIMIT but no MAXLEN or MINID. */
    STREAM_LIMIT_WITHOUT_STRATEGY("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy"),
    /** XADD or XTRIM with both MAXLEN and MINID. */
    STREAM_MAXLEN_AND_MINID("ERR syntax error, MAXLEN and MINID options at the same time are not compatible"),
    /** XTRIM without MAXLEN or MINID. */
    STREAM_XTRIM_NO_STRATEGY("ERR syntax error, XTRIM must be called with a trimming strategy"),
    /** XRANGE with an exclusive start that cannot be incremented. */
    STREAM_INVALID_START("ERR invalid start ID for the interval"),
    /** XRANGE with an exclusive end that cannot be decremented. */
    STREAM_INVALID_END("ERR invalid end ID for the interval"),
    /** XSETID below the stream's last entry. */
    XSETID_BELOW_TOP("ERR The ID specified in XSETID is smaller than the target stream top item"),
    /** XSETID ENTRIESADDED below the stream's length. */
    XSETID_ENTRIES_ADDED_BELOW_LENGTH("ERR The entries_added specified in XSETID is smaller than the target stream "
        + "length"),
    /** XSETID with an ID below its own MAXDELETEDID. */
    XSETID_BELOW_GIVEN_MAX_DELETED("ERR The ID specified in XSETID is smaller than the provided "
        + "max_deleted_entry_id"),
    /** XSETID with a negative ENTRIESADDED. */
    XSETID_ENTRIES_ADDED_NEGATIVE("ERR entries_added must be positive"),
    /** XREAD whose STREAMS list has an odd length. */
    XREAD_UNBALANCED("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified."),
    /** XREAD with the {@code >} ID. */
    XREAD_GREATER_ID("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> "
        + "option."),
    /** XREAD with GROUP. */
    XREAD_GROUP_OPTION("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead."),
    /** XREAD with NOACK. */
    XREAD_NOACK_OPTION("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead."),
    /** Template: XREAD BLOCK inside a script; the command name as the script spelt it. */
    XREAD_BLOCK_IN_SCRIPT("ERR %s command is not allowed with BLOCK option from scripts"),
    /** XGROUP CREATE with an existing group name. */
    STREAM_BUSYGROUP("BUSYGROUP Consumer Group name already exists"),
    /** XGROUP on a missing key (CREATE without MKSTREAM included). */
    XGROUP_KEY_MISSING("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use "
        + "the MKSTREAM option to create an empty stream automatically."),
    /** Template (group, key): XGROUP SETID, CREATECONSUMER, DELCONSUMER and XINFO CONSUMERS on a missing group. */
    STREAM_NOGROUP_FOR_KEY("NOGROUP No such consumer group '%s' for key name '%s'"),
    /** Template (key, group): XPENDING, XCLAIM and XAUTOCLAIM on a missing key or group. */
    STREAM_NOGROUP("NOGROUP No such key '%s' or consumer group '%s'"),
    /** Template (key, group): XREADGROUP on a missing key or group. */
    XREADGROUP_NOGROUP("NOGROUP No such key '%s' or consumer group '%s' in XREADGROUP with GROUP option"),
    /** A client blocked in XREADGROUP whose group was destroyed meanwhile. */
    XREADGROUP_GROUP_GONE("NOGROUP the consumer group this client was blocked on no longer exists"),
    /** A client blocked in XREADGROUP whose stream was deleted (or overwritten) meanwhile. */
    XREADGROUP_KEY_GONE("UNBLOCKED the stream key no longer exists"),
    /** XGROUP CREATE or SETID with an ENTRIESREAD below -1. */
    XGROUP_ENTRIES_READ("ERR value for ENTRIESREAD must be positive or -1"),
    /** XREADGROUP without GROUP. */
    XREADGROUP_MISSING_GROUP("ERR Missing GROUP option for XREADGROUP"),
    /** XREADGROUP with the {@code $} ID. */
    XREADGROUP_DOLLAR_ID("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of "
        + "this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an "
        + "empty result set."),
    /** XCLAIM with a min-idle-time that is not an integer. */
    XCLAIM_MIN_IDLE("ERR Invalid min-idle-time argument for XCLAIM"),
    /** XCLAIM IDLE that is not an integer. */
    XCLAIM_IDLE("ERR Invalid IDLE option argument for XCLAIM"),
    /** XCLAIM TIME that is not an integer. */
    XCLAIM_TIME("ERR Invalid TIME option argument for XCLAIM"),
    /** XCLAIM RETRYCOUNT that is not an integer. */
    XCLAIM_RETRYCOUNT("ERR Invalid RETRYCOUNT option argument for XCLAIM"),
    /** Template: XCLAIM with an unknown option (the argument as given). */
    XCLAIM_UNKNOWN_OPTION("ERR Unrecognized XCLAIM option '%s'"),
    /** XAUTOCLAIM with a min-idle-time that is not an integer. */
    XAUTOCLAIM_MIN_IDLE("ERR Invalid min-idle-time argument for XAUTOCLAIM"),
    /** XAUTOCLAIM COUNT below 1 or above {@code LONG_MAX / 16}. */
    XAUTOCLAIM_COUNT("ERR COUNT must be > 0"),
    /** Template: {@link #atLeastOneKey(String)}. */
    AT_LEAST_ONE_KEY("ERR at least 1 input key is needed for '%s' command"),
    /** Template: {@link #invalidExpireTime(String)}. */
    INVALID_EXPIRE_TIME("ERR invalid expire time in '%s' command"),
    /** Template: {@link #wrongArity(String)}. */
    WRONG_ARITY("ERR wrong number of arguments for '%s' command"),
    /** Template: {@link #unknownCommand(String, String)}. */
    UNKNOWN_COMMAND("ERR unknown command '%s', with args beginning with: %s"),
    /** A command sent before AUTH while requirepass is set. */
    NOAUTH("NOAUTH Authentication required."),
    /** AUTH with a wrong password. */
    WRONGPASS("WRONGPASS invalid username-password pair or user is disabled."),
    /** AUTH while no password is configured. */
    AUTH_NOT_CONFIGURED("ERR AUTH <password> called without any password configured for the default user. "
        + "Are you sure your configuration is correct?"),
    /** Template: a command the connection's ACL user may not run (its full name, {@code config|set}). */
    NOPERM_COMMAND("NOPERM this user has no permissions to run the '%s' command"),
    /** A key the connection's ACL user may not access as the command would. */
    NOPERM_KEY("NOPERM this user has no permissions to access one of the keys used as arguments"),
    /** A Pub/Sub channel the connection's ACL user may not name. */
    NOPERM_CHANNEL("NOPERM this user has no permissions to access one of the channels used as arguments"),
    /** Template: a queued command EXEC refuses because the user's ACL rules changed since; the reason follows. */
    NOPERM_EXEC("NOPERM ACLs rules changed between the moment the transaction was accumulated and the EXEC call. "
        + "This command is no longer allowed for the following reason: %s"),
    /** A script's {@code redis.call} of a command its caller's ACL user may not run. */
    SCRIPT_ACL_COMMAND("ERR The user executing the script can't run this command or subcommand"),
    /** A script's {@code redis.call} naming a key its caller's ACL user may not access. */
    SCRIPT_ACL_KEY("ERR The user executing the script can't access at least one of the keys mentioned in the "
        + "command arguments"),
    /** A script's {@code redis.call} naming a channel its caller's ACL user may not use. */
    SCRIPT_ACL_CHANNEL("ERR The user executing the script can't publish to the channel mentioned in the command"),
    /** Template: an ACL SETUSER rule that failed: the rule and the reason. */
    ACL_SETUSER_MODIFIER("ERR Error in ACL SETUSER modifier '%s': %s"),
    /** ACL SETUSER with a user name holding a space or NUL. */
    ACL_USERNAME_SPACES("ERR Usernames can't contain spaces or null characters"),
    /** Template: ACL SETUSER with a selector whose parenthesis is not closed. */
    ACL_UNMATCHED_PARENTHESIS("ERR Unmatched parenthesis in acl selector starting at '%s'."),
    /** ACL DELUSER naming the default user. */
    ACL_DELETE_DEFAULT("ERR The 'default' user cannot be removed"),
    /** ACL LOAD or ACL SAVE on a server started without an ACL file. */
    ACL_NO_FILE("ERR This Redis instance is not configured to use an ACL file. You may want to specify users via the "
        + "ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis configuration file set) in "
        + "order to store users in the Redis configuration."),
    /** ACL SAVE that could not write the ACL file. */
    ACL_SAVE_FAILED("ERR There was an error trying to save the ACLs. Please check the server logs for more "
        + "information"),
    /** Template: ACL LOAD of a file with errors, or no file: every problem found. */
    ACL_LOAD_FAILED("ERR %s"),
    /** Template: ACL CAT with an unknown category. */
    ACL_UNKNOWN_CATEGORY("ERR Unknown category '%s'"),
    /** ACL GENPASS with a bit count outside 1 to 4096. */
    ACL_GENPASS_BITS("ERR ACL GENPASS argument must be the number of bits for the output password, a positive number "
        + "up to 4096"),
    /** Template: ACL DRYRUN naming a user that does not exist. */
    ACL_DRYRUN_NO_USER("ERR User '%s' not found"),
    /** Template: ACL DRYRUN naming a command that does not exist. */
    ACL_DRYRUN_NO_COMMAND("ERR Command '%s' not found"),
    /** Template: CLIENT KILL USER naming a user that does not exist. */
    NO_SUCH_USER("ERR No such user '%s'"),
    /** HELLO with a protocol version the server does not speak. */
    NOPROTO("NOPROTO unsupported protocol version"),
    /** Connection refused because maxclients is reached. */
    MAX_CLIENTS("ERR max number of clients reached"),
    /** RESP: a multibulk count that is not a number or out of range. */
    PROTO_INVALID_MULTIBULK_LENGTH("ERR Protocol error: invalid multibulk length"),
    /** RESP: a bulk length that is not a number, negative or above proto-max-bulk-len. */
    PROTO_INVALID_BULK_LENGTH("ERR Protocol error: invalid bulk length"),
    /** RESP: template, an argument that does not start with {@code '$'}. */
    PROTO_EXPECTED_DOLLAR("ERR Protocol error: expected '$', got '%s'"),
    /** RESP: an inline command line longer than the inline limit (64 KB). */
    PROTO_TOO_BIG_INLINE("ERR Protocol error: too big inline request"),
    /** RESP: a multibulk count line longer than the inline limit. */
    PROTO_TOO_BIG_MBULK_COUNT("ERR Protocol error: too big mbulk count string"),
    /** RESP: a bulk length line longer than the inline limit. */
    PROTO_TOO_BIG_BULK_COUNT("ERR Protocol error: too big bulk count string"),
    /** RESP: more than 10 arguments from a client that has not authenticated yet. */
    PROTO_UNAUTH_MULTIBULK_LENGTH("ERR Protocol error: unauthenticated multibulk length"),
    /** RESP: a bulk argument above 16 KB from a client that has not authenticated yet. */
    PROTO_UNAUTH_BULK_LENGTH("ERR Protocol error: unauthenticated bulk length"),
    /** RESP: an inline command with an unterminated quote. */
    PROTO_UNBALANCED_QUOTES("ERR Protocol error: unbalanced quotes in request"),
    /** Template: a container command (CLIENT, CONFIG, COMMAND) with an unknown subcommand. */
    UNKNOWN_SUBCOMMAND("ERR unknown subcommand '%s'. Try %s HELP."),
    /** Template: a subcommand given more arguments than it takes (PUBSUB CHANNELS a b). */
    SUBCOMMAND_SYNTAX("ERR unknown subcommand or wrong number of arguments for '%s'. Try %s HELP."),
    /** Template: CLIENT LIST / KILL with a TYPE that is not normal, master, replica, slave or pubsub. */
    UNKNOWN_CLIENT_TYPE("ERR Unknown client type '%s'"),
    /** Template: a command other than (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PING, QUIT, RESET from a RESP2 subscriber. */
    PUBSUB_CONTEXT("ERR Can't execute '%s': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed "
        + "in this context"),
    /** Template: EXPIRE family with an option that is not NX, XX, GT or LT. */
    UNSUPPORTED_OPTION("ERR Unsupported option %s"),
    /** DECRBY with the smallest 64-bit integer, whose negation overflows. */
    DECREMENT_OVERFLOW("ERR decrement would overflow"),
    /** HELLO with a protocol version that is not an integer. */
    HELLO_PROTOCOL_NOT_INTEGER("ERR Protocol version is not an integer or out of range"),
    /** Template: HELLO with an unknown option. */
    HELLO_SYNTAX("ERR Syntax error in HELLO option '%s'"),
    /** HELLO before authentication, without its AUTH option. */
    HELLO_NOAUTH("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> "
        + "AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at "
        + "the same time"),
    /** CLIENT SETNAME (and HELLO SETNAME) with a name containing spaces or special characters. */
    CLIENT_NAME_INVALID("ERR Client names cannot contain spaces, newlines or special characters."),
    /** Template: CLIENT SETINFO with an attribute other than LIB-NAME or LIB-VER. */
    CLIENT_SETINFO_UNKNOWN("ERR Unrecognized option '%s'"),
    /** Template: CLIENT SETINFO with a value containing spaces or special characters. */
    CLIENT_SETINFO_INVALID("ERR %s cannot contain spaces, newlines or special characters."),
    /** CLIENT KILL ID or CLIENT LIST ID with an id that is not a positive integer. */
    CLIENT_ID_INVALID("ERR client-id should be greater than 0"),
    /** CLIENT KILL that matched no client (old ip:port form). */
    NO_SUCH_CLIENT("ERR No such client"),
    /** Template: CONFIG SET of a parameter that is not known and cannot be stored. */
    CONFIG_SET_UNKNOWN("ERR Unknown option or number of arguments for CONFIG SET - '%s'"),
    /** Template: CONFIG SET that failed: parameter and reason. */
    CONFIG_SET_FAILED("ERR CONFIG SET failed (possibly related to argument '%s') - %s"),
    /** WAIT and friends with a timeout that is not an integer. */
    TIMEOUT_NOT_INTEGER("ERR timeout is not an integer or out of range"),
    /** CLIENT LIST ID with an id that is not a positive integer. */
    CLIENT_LIST_INVALID_ID("ERR Invalid client ID"),
    /** CONFIG REWRITE without a configuration file. */
    CONFIG_NO_FILE("ERR The server is running without a config file"),
    /** SHUTDOWN ABORT while no shutdown is in progress. */
    SHUTDOWN_NOT_IN_PROGRESS("ERR No shutdown in progress."),
    /** WAITAOF asking for local fsyncs while there is no append-only file. */
    WAITAOF_NO_AOF("ERR WAITAOF cannot be used when numlocal is set but appendonly is disabled."),
    /** FUNCTION FLUSH with an option other than SYNC or ASYNC. */
    FUNCTION_FLUSH_OPTION("ERR FUNCTION FLUSH only supports SYNC|ASYNC option"),
    /** FUNCTION LOAD of code that does not start with a {@code #!} line. */
    FUNCTION_MISSING_METADATA("ERR Missing library metadata"),
    /** FUNCTION LOAD of a shebang without a newline after it, or with unbalanced quotes. */
    FUNCTION_INVALID_METADATA("ERR Invalid library metadata"),
    /** FUNCTION LOAD of a shebang with an argument other than {@code name=}; the argument is the part. */
    FUNCTION_METADATA_VALUE("ERR Invalid metadata value given: %s"),
    /** FUNCTION LOAD of a shebang naming the library twice. */
    FUNCTION_METADATA_NAME_TWICE("ERR Invalid metadata value, name argument was given multiple times"),
    /** FUNCTION LOAD of a shebang without {@code name=}. */
    FUNCTION_NO_LIBRARY_NAME("ERR Library name was not given"),
    /**
     * A library or function name that is not letters, digits and underscores (Redis 7.0 words both with
     * "Library").
     */
    FUNCTION_NAME_INVALID("ERR Library names can only contain letters, numbers, or underscores(_) and must be at "
        + "least one character long"),
    /** FUNCTION LOAD of a shebang naming an engine other than Lua; the argument is the engine. */
    FUNCTION_ENGINE_NOT_FOUND("ERR Engine '%s' not found"),
    /** FUNCTION LOAD without REPLACE of a library that exists; the argument is its name. */
    FUNCTION_LIBRARY_EXISTS("ERR Library '%s' already exists"),
    /** FUNCTION LOAD of a library whose function another library has; the argument is the function. */
    FUNCTION_EXISTS("ERR Function %s already exists"),
    /** FUNCTION LOAD of code that does not compile; the argument is Lua's message. */
    FUNCTION_COMPILE("ERR Error compiling function: %s"),
    /** FUNCTION LOAD of code that failed while running; the argument is the error reply text. */
    FUNCTION_REGISTERING("ERR Error registering functions: %s"),
    /** FUNCTION LOAD of code that registered nothing. */
    FUNCTION_NONE_REGISTERED("ERR No functions registered"),
    /** FUNCTION LOAD of code that ran longer than the load timeout. */
    FUNCTION_LOAD_TIMEOUT("ERR FUNCTION LOAD timeout"),
    /** FUNCTION LOAD with an argument before the code other than REPLACE; the argument is that argument. */
    FUNCTION_LOAD_OPTION("ERR Unknown option given: %s"),
    /** redis.register_function of a name the library already registered. */
    FUNCTION_EXISTS_IN_LIBRARY("ERR Function already exists in the library"),
    /** redis.register_function called by a running function. */
    FUNCTION_REGISTER_OUTSIDE_LOAD("ERR redis.register_function can only be called on FUNCTION LOAD command"),
    /** redis.register_function with no argument or more than two. */
    FUNCTION_REGISTER_ARGS("ERR wrong number of arguments to redis.register_function"),
    /** redis.register_function with one argument that is not a table. */
    FUNCTION_REGISTER_SINGLE_ARG("ERR calling redis.register_function with a single argument is only applicable to "
        + "Lua table (representing named arguments)."),
    /** redis.register_function with a named argument whose key is not a string. */
    FUNCTION_REGISTER_KEY_TYPE("ERR named argument key given to redis.register_function is not a string"),
    /** redis.register_function with a function_name that is not a string. */
    FUNCTION_REGISTER_NAME_TYPE("ERR function_name argument given to redis.register_function must be a string"),
    /** redis.register_function with a description that is not a string. */
    FUNCTION_REGISTER_DESCRIPTION_TYPE("ERR description argument given to redis.register_function must be a string"),
    /** redis.register_function with a callback that is not a function. */
    FUNCTION_REGISTER_CALLBACK_TYPE("ERR callback argument given to redis.register_function must be a function"),
    /** redis.register_function with flags that are not a table. */
    FUNCTION_REGISTER_FLAGS_TYPE("ERR flags argument to redis.register_function must be a table representing "
        + "function flags"),
    /** redis.register_function with a flag Redis does not know. */
    FUNCTION_REGISTER_UNKNOWN_FLAG("ERR unknown flag given"),
    /** redis.register_function with a named argument Redis does not know. */
    FUNCTION_REGISTER_UNKNOWN_ARG("ERR unknown argument given to redis.register_function"),
    /** redis.register_function's named form without function_name. */
    FUNCTION_REGISTER_NO_NAME("ERR redis.register_function must get a function name argument"),
    /** redis.register_function's named form without callback. */
    FUNCTION_REGISTER_NO_CALLBACK("ERR redis.register_function must get a callback argument"),
    /** redis.register_function's positional form with a name that is not a string. */
    FUNCTION_REGISTER_NAME_ARG("ERR first argument to redis.register_function must be a string"),
    /** redis.register_function's positional form with a callback that is not a function. */
    FUNCTION_REGISTER_CALLBACK_ARG("ERR second argument to redis.register_function must be a function"),
    /** FUNCTION DELETE of a library that does not exist. */
    FUNCTION_LIBRARY_NOT_FOUND("ERR Library not found"),
    /** FUNCTION LIST LIBRARYNAME without the pattern. */
    FUNCTION_LIST_NO_PATTERN("ERR library name argument was not given"),
    /** FUNCTION LIST with an argument it does not know (or given twice); the argument is that argument. */
    FUNCTION_LIST_UNKNOWN_ARG("ERR Unknown argument %s"),
    /** FCALL of a function that is not loaded. */
    FUNCTION_NOT_FOUND("ERR Function not found"),
    /** FCALL with a numkeys that is not an integer. */
    FUNCTION_BAD_NUMKEYS("ERR Bad number of keys provided"),
    /** FCALL_RO of a function without the no-writes flag. */
    FUNCTION_WRITE_FROM_RO("ERR Can not execute a script with write flag using *_ro command."),
    /** RESTORE and FUNCTION RESTORE of a payload too short, of a later RDB version, or with a wrong checksum. */
    DUMP_PAYLOAD_INVALID("ERR DUMP payload version or checksum are wrong"),
    /** RESTORE without REPLACE of a key that exists. */
    BUSYKEY("BUSYKEY Target key name already exists."),
    /** RESTORE of a payload whose value cannot be read (unknown type or encoding, truncated, empty, duplicates). */
    BAD_DATA_FORMAT("ERR Bad data format"),
    /** RESTORE with a negative TTL. */
    RESTORE_INVALID_TTL("ERR Invalid TTL value, must be >= 0"),
    /** RESTORE with a negative IDLETIME. */
    RESTORE_INVALID_IDLETIME("ERR Invalid IDLETIME value, must be >= 0"),
    /** RESTORE with a FREQ outside 0 to 255. */
    RESTORE_INVALID_FREQ("ERR Invalid FREQ value, must be >= 0 and <= 255"),
    /** MIGRATE with KEYS and a non-empty key argument. */
    MIGRATE_KEYS_WITH_KEY("ERR When using MIGRATE KEYS option, the key argument must be set to the empty string"),
    /** MIGRATE whose target refused AUTH, SELECT or a RESTORE; the argument is the target's error text. */
    MIGRATE_TARGET_ERROR("ERR Target instance replied with error: %s"),
    /** MIGRATE that could not connect to the target within the timeout. */
    MIGRATE_CONNECT("IOERR error or timeout connecting to the client"),
    /** MIGRATE that could not send its commands within the timeout. */
    MIGRATE_WRITE("IOERR error or timeout writing to target instance"),
    /** MIGRATE that got no reply, or a closed connection, within the timeout. */
    MIGRATE_READ("IOERR error or timeout reading to target instance"),
    /** FUNCTION RESTORE of a payload in the format of Redis 7.0's release candidates. */
    FUNCTION_PRE_GA("ERR Pre-GA function format not supported"),
    /** FUNCTION RESTORE of a payload holding something other than libraries. */
    FUNCTION_NOT_A_FUNCTION("ERR given type is not a function"),
    /** FUNCTION RESTORE of a payload whose library code cannot be read. */
    FUNCTION_BAD_LIBRARY_PAYLOAD("ERR Failed loading library payload"),
    /** FUNCTION RESTORE with a policy other than FLUSH, APPEND and REPLACE. */
    FUNCTION_RESTORE_POLICY("ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE."),
    /** FUNCTION RESTORE APPEND of a library that exists (Redis words it without quotes); the argument is its name. */
    FUNCTION_RESTORE_LIBRARY_EXISTS("ERR Library %s already exists"),
    /** Commands other than FUNCTION KILL and the few allowed while a function runs past busy-reply-threshold. */
    BUSY_FUNCTION("BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE."),
    /** EXEC after a command was refused while queueing. */
    EXECABORT("EXECABORT Transaction discarded because of previous errors."),
    /** EXEC itself refused (arity, authentication): the transaction is discarded with the reason. */
    EXECABORT_BECAUSE("EXECABORT Transaction discarded because of: %s"),
    /** MULTI inside MULTI. */
    MULTI_NESTED("ERR MULTI calls can not be nested"),
    /** EXEC outside a transaction. */
    EXEC_WITHOUT_MULTI("ERR EXEC without MULTI"),
    /** DISCARD outside a transaction. */
    DISCARD_WITHOUT_MULTI("ERR DISCARD without MULTI"),
    /** WATCH after MULTI. */
    WATCH_INSIDE_MULTI("ERR WATCH inside MULTI is not allowed"),
    /** SAVE or BGSAVE while a background save runs. */
    BGSAVE_IN_PROGRESS("ERR Background save already in progress"),
    /** SAVE that could not write the snapshot (Redis says no more; the server log has the reason). */
    SAVE_FAILED("ERR"),
    /** SHUTDOWN whose final save failed: the server keeps running. */
    SHUTDOWN_FAILED("ERR Errors trying to SHUTDOWN. Check logs."),
    /** A no_multi command (SAVE, SHUTDOWN) between MULTI and EXEC. */
    NOT_ALLOWED_IN_MULTI("ERR Command not allowed inside a transaction"),
    /** OBJECT FREQ while the maxmemory policy is not an LFU one (mini-kv supports noeviction only). */
    OBJECT_FREQ_NOT_LFU("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that "
        + "when switching between policies at runtime LRU and LFU data will take some time to adjust."),
    /** EVALSHA of a script that is not in the script cache. */
    NOSCRIPT("NOSCRIPT No matching script. Please use EVAL."),
    /** EVAL with a negative numkeys. */
    NUMKEYS_NEGATIVE("ERR Number of keys can't be negative"),
    /** EVAL with a numkeys above the number of arguments. */
    NUMKEYS_TOO_MANY("ERR Number of keys can't be greater than number of args"),
    /** SCRIPT KILL while no script runs. */
    NOTBUSY("NOTBUSY No scripts in execution right now."),
    /** Any command but the allowed few while a script runs past busy-reply-threshold. */
    BUSY("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE."),
    /** SCRIPT KILL of a script that has written. */
    UNKILLABLE("UNKILLABLE Sorry the script already executed write commands against the dataset. You can either "
        + "wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command."),
    /** The error a script stopped by SCRIPT KILL fails with. */
    SCRIPT_KILLED("ERR Script killed by user with SCRIPT KILL..."),
    /** SCRIPT FLUSH with an option other than ASYNC or SYNC. */
    SCRIPT_FLUSH_OPTION("ERR SCRIPT FLUSH only support SYNC|ASYNC option"),
    /** A script that does not compile; the argument is Lua's message. */
    SCRIPT_COMPILE("ERR Error compiling script (new function): %s"),
    /** A script that raised a Lua error string; the argument is the positioned message. */
    SCRIPT_RUNTIME("ERR %s"),
    /** redis.call of a command that does not exist. */
    SCRIPT_UNKNOWN_COMMAND("ERR Unknown Redis command called from script"),
    /** redis.call with the wrong number of arguments for the command. */
    SCRIPT_WRONG_ARITY("ERR Wrong number of args calling Redis command from script"),
    /** redis.call of a command flagged noscript (or blocking). */
    SCRIPT_NOT_ALLOWED("ERR This Redis command is not allowed from script"),
    /** redis.call of a write command from EVAL_RO or EVALSHA_RO. */
    SCRIPT_WRITE_READONLY("ERR Write commands are not allowed from read-only scripts."),
    /** redis.call without arguments. */
    SCRIPT_NO_ARGS("ERR Please specify at least one argument for this redis lib call"),
    /** redis.call with an argument that is neither a string nor a number. */
    SCRIPT_BAD_ARG("ERR Lua redis lib command arguments must be strings or integers"),
    /** redis.error_reply or redis.status_reply without one string argument. */
    SCRIPT_LIB_ARGS("ERR wrong number or type of arguments"),
    /** redis.sha1hex without one argument. */
    SCRIPT_SHA1HEX_ARGS("ERR wrong number of arguments"),
    /** redis.log with fewer than two arguments. */
    SCRIPT_LOG_ARGS("ERR redis.log() requires two arguments or more."),
    /** redis.log with a level that is not a number. */
    SCRIPT_LOG_LEVEL_TYPE("ERR First argument must be a number (log level)."),
    /** redis.log with a level outside LOG_DEBUG..LOG_WARNING. */
    SCRIPT_LOG_LEVEL("ERR Invalid debug level."),
    /** redis.setresp without one argument. */
    SCRIPT_SETRESP_ARGS("ERR redis.setresp() requires one argument."),
    /** redis.setresp with a version other than 2 or 3. */
    SCRIPT_RESP_VERSION("ERR RESP version must be 2 or 3."),
    /** redis.setresp(3): mini-kv speaks RESP2 only (no Redis text: Redis accepts it). */
    SCRIPT_RESP3("ERR RESP3 is not supported: mini-kv speaks RESP2 only"),
    /** redis.set_repl with flags outside REPL_NONE..REPL_ALL. */
    SCRIPT_REPL_FLAGS("ERR Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE."),
    /** A script's return value nested too deep to convert. */
    SCRIPT_STACK_LIMIT("ERR reached lua stack limit"),
    /** COMMAND GETKEYS naming a command or subcommand that does not exist. */
    GETKEYS_INVALID_COMMAND("ERR Invalid command specified"),
    /** COMMAND GETKEYS naming a command that takes no keys. */
    GETKEYS_NO_KEYS("ERR The command has no key arguments"),
    /** COMMAND GETKEYS with an argument count the named command's arity refuses. */
    GETKEYS_INVALID_ARITY("ERR Invalid number of arguments specified for command"),
    /** COMMAND GETKEYS whose arguments yield no key (a bad numkeys, for example). */
    GETKEYS_INVALID_ARGUMENTS("ERR Invalid arguments specified for command"),
    /** SETBIT, GETBIT and BITFIELD with a bit offset that is not an integer, negative or past 2^32 - 1. */
    BIT_OFFSET_OUT_OF_RANGE("ERR bit offset is not an integer or out of range"),
    /** SETBIT with a bit value other than 0 or 1. */
    BIT_NOT_INTEGER("ERR bit is not an integer or out of range"),
    /** BITPOS with a bit argument other than 0 or 1. */
    BITPOS_BIT("ERR The bit argument must be 1 or 0."),
    /** DEBUG: refused as by Redis 7 unless enable-debug-command allows the client. */
    DEBUG_NOT_ALLOWED("ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", you "
        + "can run it from a local connection, otherwise you need to set this option in the configuration file, and "
        + "then restart the server."),
    /** DEBUG RELOAD with an option other than MERGE, NOFLUSH and NOSAVE. */
    DEBUG_RELOAD_OPTION("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options."),
    /** DEBUG RELOAD whose snapshot could not be loaded back (missing, unreadable or corrupt). */
    DEBUG_RELOAD_LOAD_FAILED("ERR Error trying to load the RDB dump, check server logs."),
    /** MODULE LOAD, LOADEX and UNLOAD: refused as by Redis 7 with its default enable-module-command no. */
    MODULE_NOT_ALLOWED("ERR MODULE command not allowed. If the enable-module-command option is set to \"local\", you "
        + "can run it from a local connection, otherwise you need to set this option in the configuration file, and "
        + "then restart the server."),
    /** CLIENT UNBLOCK with a reason other than TIMEOUT or ERROR. */
    CLIENT_UNBLOCK_REASON("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR"),
    /** SLOWLOG GET with a count that is not an integer of at least -1. */
    SLOWLOG_COUNT("ERR count should be greater than or equal to -1"),
    /** LATENCY GRAPH of an event without samples. */
    LATENCY_NO_SAMPLES("ERR No samples available for event '%s'"),
    /** CLIENT PAUSE with a mode other than WRITE or ALL. */
    CLIENT_PAUSE_MODE("ERR CLIENT PAUSE mode must be WRITE or ALL"),
    /** The reply of a client whose wait CLIENT UNBLOCK ended with ERROR. */
    UNBLOCKED("UNBLOCKED client unblocked via CLIENT UNBLOCK"),
    /** A command that reads, writes or may replicate, sent by a client in MONITOR mode (Redis treats it as a replica). */
    MONITOR_KEYSPACE("ERR Replica can't interact with the keyspace"),
    /** MONITOR inside a transaction. */
    MONITOR_DENY_BLOCKING("ERR MONITOR isn't allowed for DENY BLOCKING client"),
    /** LCS of a key holding something other than a string. */
    LCS_NOT_STRINGS("ERR The specified keys must contain string values"),
    /** LCS with both LEN and IDX. */
    LCS_LEN_AND_IDX("ERR If you want both the length and indexes, please just use IDX."),
    /** LCS whose table of (len1 + 1) * (len2 + 1) 4-byte cells, as Redis sizes it, exceeds proto-max-bulk-len. */
    LCS_TOO_BIG("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len"),
    /** BITOP NOT with more than one source key. */
    BITOP_NOT_SINGLE_SOURCE("ERR BITOP NOT must be called with a single source key."),
    /** BITFIELD with a type other than i1..i64 or u1..u63. */
    BITFIELD_TYPE("ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 "
        + "is."),
    /** BITFIELD OVERFLOW with a mode other than WRAP, SAT or FAIL. */
    BITFIELD_OVERFLOW_TYPE("ERR Invalid OVERFLOW type specified"),
    /** BITFIELD_RO with SET or INCRBY. */
    BITFIELD_RO_GET_ONLY("ERR BITFIELD_RO only supports the GET subcommand"),
    /** A HyperLogLog command on a string that is not a HyperLogLog (bad header, encoding or dense length). */
    HLL_WRONGTYPE("WRONGTYPE Key is not a valid HyperLogLog string value."),
    /** A HyperLogLog whose sparse opcodes do not cover exactly 16384 registers. */
    HLL_CORRUPTED("INVALIDOBJ Corrupted HLL object detected"),
    /** PFDEBUG on a missing key. */
    HLL_KEY_MISSING("ERR The specified key does not exist"),
    /** PFDEBUG DECODE on a dense HyperLogLog. */
    HLL_NOT_SPARSE("ERR HLL encoding is not sparse"),
    /** PFDEBUG with an unknown subcommand (checked after the key). */
    PFDEBUG_UNKNOWN_SUBCOMMAND("ERR Unknown PFDEBUG subcommand '%s'"),
    /** PFSELFTEST finding a fault; the argument says which. */
    PFSELFTEST_FAILED("TESTFAILED %s"),
    /** A command failed for a reason that is a bug in mini-kv; the connection survives. */
    INTERNAL("ERR internal error");

    private final String text;
    private final KvException shared;

    KvError(final String text) {
        this.text = text;
        this.shared = new KvException(this, text);
    }

    /**
     * Returns the exact reply text, without the RESP {@code '-'} prefix and CRLF.
     *
     * @return the Redis error text; for templates, the unformatted template.
     */
    public String text() {
        return text;
    }

    /**
     * Returns a shared, stack-trace-free exception for this error. Cheap to throw on hot paths.
     *
     * @return the shared exception carrying {@link #text()}.
     */
    public KvException exception() {
        return shared;
    }

    /**
     * Formats the invalid expire time error, as Redis does for SET, GETEX, EXPIRE and friends.
     *
     * @param command the lower-case command name, e.g. {@code "set"}.
     * @return an exception carrying {@link #INVALID_EXPIRE_TIME} and the formatted text.
     */
    public static KvException invalidExpireTime(final String command) {
        return new KvException(INVALID_EXPIRE_TIME, String.format(INVALID_EXPIRE_TIME.text, command));
    }

    /**
     * Formats the error of ZUNION, ZINTER, ZDIFF (and STORE forms) and ZINTERCARD when numkeys is 0.
     *
     * @param command the lower-case command name, e.g. {@code "zunionstore"}.
     * @return an exception carrying {@link #AT_LEAST_ONE_KEY} and the formatted text.
     */
    public static KvException atLeastOneKey(final String command) {
        return new KvException(AT_LEAST_ONE_KEY, String.format(AT_LEAST_ONE_KEY.text, command));
    }

    /**
     * Formats the error of a position outside the geo limits as Redis's {@code %f} does ({@code inf},
     * {@code -0.000000}, six decimals).
     *
     * @param longitude the longitude given.
     * @param latitude the latitude given.
     * @return an exception carrying {@link #GEO_INVALID_LONLAT} and the formatted text.
     */
    public static KvException invalidLonLat(final double longitude, final double latitude) {
        return new KvException(GEO_INVALID_LONLAT, GEO_INVALID_LONLAT.format(cFixed6(longitude), cFixed6(latitude)));
    }

    /** C's {@code %f}: exact binary value rounded half-even to six decimals, {@code inf}, {@code -nan}, sign of 0. */
    private static String cFixed6(final double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(d)) {
            return "nan";
        }
        final String digits = new java.math.BigDecimal(d).setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString();
        return (1 / d < 0 && !digits.startsWith("-")) ? "-" + digits : digits;
    }

    /**
     * Formats the error of an EXEC refused inside MULTI (wrong arity, no authentication), which discards the
     * transaction: Redis quotes the refusal without its {@code ERR} prefix.
     *
     * @param error the refusal's text.
     * @return the formatted text.
     */
    public static String execAbortBecause(final String error) {
        return EXECABORT_BECAUSE.format(error.startsWith("ERR ") ? error.substring(4) : error);
    }

    /**
     * Formats the arity error for a command.
     *
     * @param command the command name as Redis names it (lower case, subcommands as {@code "client|setname"}).
     * @return the formatted text.
     */
    public static String wrongArity(final String command) {
        return String.format(WRONG_ARITY.text, command);
    }

    /**
     * Formats the unknown command error: Redis quotes each of the first arguments followed by a space.
     *
     * @param command the command name as the client sent it.
     * @param quotedArgs the already formatted argument list, e.g. {@code "'bar' "}.
     * @return the formatted text.
     */
    public static String unknownCommand(final String command, final String quotedArgs) {
        return String.format(UNKNOWN_COMMAND.text, command, quotedArgs);
    }

    /**
     * Returns an exception carrying this template formatted with two values (the stream NOGROUP texts).
     *
     * @param first the first {@code %s}.
     * @param second the second {@code %s}.
     * @return a new exception.
     */
    public KvException exception(final String first, final String second) {
        return new KvException(this, String.format(text, first, second));
    }

    /**
     * Formats a template constant with its arguments.
     *
     * @param args the values for the template's {@code %s} placeholders.
     * @return the formatted text.
     */
    public String format(final Object... args) {
        return String.format(text, args);
    }
}
