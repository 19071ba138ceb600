package io.minikv.net.command;

import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

import java.util.List;

/**
 * One Redis 7 key specification ({@code keySpec} in {@code server.h}): how to find one group of key arguments, with
 * the flags saying what the command does to those keys. COMMAND INFO lists them; COMMAND GETKEYS and
 * GETKEYSANDFLAGS run them as Redis's {@code getKeysUsingKeySpecs} does.
 *
 * @param notes Redis's note on the spec, or null.
 * @param flags Redis's key-spec flag names in Redis's order ({@code RW}, {@code access}, {@code delete}...).
 * @param beginSearch {@link #INDEX}, {@link #KEYWORD} or {@link #UNKNOWN}.
 * @param index the argument index where the search begins ({@link #INDEX}).
 * @param keyword the keyword after which keys begin ({@link #KEYWORD}), null otherwise.
 * @param startFrom where the keyword search starts; negative counts from the end ({@link #KEYWORD}).
 * @param findKeys {@link #RANGE}, {@link #KEYNUM} or {@link #UNKNOWN}.
 * @param a range: lastkey (relative to the first key; negative counts from the end); keynum: keynumidx.
 * @param b range: keystep; keynum: firstkey (relative to the begin-search index).
 * @param c range: limit; keynum: keystep.
 */
record KeySpec(String notes, List<String> flags, String beginSearch, int index, String keyword, int startFrom, String findKeys,
               int a, int b, int c) {
    /** Begin-search type: a fixed index. */
    static final String INDEX = "index";
    /** Begin-search type: after a keyword. */
    static final String KEYWORD = "keyword";
    /** Find-keys type: a range of arguments. */
    static final String RANGE = "range";
    /** Find-keys type: an argument holding the number of keys. */
    static final String KEYNUM = "keynum";
    /** Either type: not describable (the command needs its own key finder). */
    static final String UNKNOWN = "unknown";

    /**
     * Parses the notation of {@code redis-command-info.txt}, e.g. {@code RW,access,delete index:2 keynum:0:1:1}.
     *
     * @param text one spec.
     * @return the spec.
     * @throws IllegalArgumentException on a malformed spec.
     */
    static KeySpec parse(final String text) {
        final String[] parts = text.trim().split(" ", 4);
        final String notes = parts.length == 4 && parts[3].startsWith("notes:") ? parts[3].substring(6) : null;
        if (parts.length != 3 && notes == null) {
            throw new IllegalArgumentException("key spec needs flags, begin search and find keys: " + text);
        }
        final List<String> flags = List.of(parts[0].split(","));
        final String[] bs = parts[1].split(":");
        final String[] fk = parts[2].split(":");
        final int index = bs[0].equals(INDEX) ? Integer.parseInt(bs[1]) : 0;
        final String keyword = bs[0].equals(KEYWORD) ? bs[1] : null;
        final int startFrom = bs[0].equals(KEYWORD) ? Integer.parseInt(bs[2]) : 0;
        if (!bs[0].equals(INDEX) && !bs[0].equals(KEYWORD) && !bs[0].equals(UNKNOWN)) {
            throw new IllegalArgumentException("unknown begin search: " + text);
        }
        if (fk[0].equals(UNKNOWN)) {
            return new KeySpec(notes, flags, bs[0], index, keyword, startFrom, UNKNOWN, 0, 0, 0);
        }
        if (!fk[0].equals(RANGE) && !fk[0].equals(KEYNUM)) {
            throw new IllegalArgumentException("unknown find keys: " + text);
        }
        return new KeySpec(notes, flags, bs[0], index, keyword, startFrom, fk[0], Integer.parseInt(fk[1]),
            Integer.parseInt(fk[2]), Integer.parseInt(fk[3]));
    }

    /** Returns whether this is a plain index-and-range spec, the kind the legacy first/last/step can express. */
    boolean isIndexRange() {
        return beginSearch.equals(INDEX) && findKeys.equals(RANGE);
    }

    /** Writes the spec as COMMAND INFO's key-specs entry. */
    void write(final ReplyWriter reply) {
        if (notes != null) {
            reply.array(8);
            reply.bulk("notes");
            reply.bulk(notes);
        } else {
            reply.array(6);
        }
        reply.bulk("flags");
        reply.array(flags.size());
        for (final String flag : flags) {
            reply.simple(flag);
        }
        reply.bulk("begin_search");
        if (beginSearch.equals(UNKNOWN)) {
            reply.array(4);
            reply.bulk("type");
            reply.bulk(UNKNOWN);
            reply.bulk("spec");
            reply.array(0);
        } else if (beginSearch.equals(INDEX)) {
            reply.array(4);
            reply.bulk("type");
            reply.bulk(INDEX);
            reply.bulk("spec");
            reply.array(2);
            reply.bulk("index");
            reply.integer(index);
        } else {
            reply.array(4);
            reply.bulk("type");
            reply.bulk(KEYWORD);
            reply.bulk("spec");
            reply.array(4);
            reply.bulk("keyword");
            reply.bulk(keyword);
            reply.bulk("startfrom");
            reply.integer(startFrom);
        }
        reply.bulk("find_keys");
        reply.array(4);
        reply.bulk("type");
        reply.bulk(findKeys);
        reply.bulk("spec");
        if (findKeys.equals(UNKNOWN)) {
            reply.array(0);
            return;
        }
        reply.array(6);
        final boolean range = findKeys.equals(RANGE);
        reply.bulk(range ? "lastkey" : "keynumidx");
        reply.integer(a);
        reply.bulk(range ? "keystep" : "firstkey");
        reply.integer(b);
        reply.bulk(range ? "limit" : "keystep");
        reply.integer(c);
    }

    /**
     * Appends the positions of the keys this spec finds in {@code argv} ({@code args} from {@code offset} on, so
     * {@code argv[0]} is the command name), as one pass of Redis 7.0's {@code getKeysUsingKeySpecs}.
     *
     * @param args the arguments.
     * @param offset where the inspected command's name is.
     * @param negativeArity whether the command has a variable argument count (out-of-range keys are then skipped
     *     rather than fatal).
     * @param out receives argv positions.
     * @return false when the spec does not fit the arguments (Redis's {@code invalid_spec}).
     */
    boolean findKeys(final CommandArgs args, final int offset, final boolean negativeArity,
        final java.util.List<Integer> out) {
        final int argc = args.count() - offset;
        int first = 0;
        if (beginSearch.equals(INDEX)) {
            first = index;
        } else if (beginSearch.equals(KEYWORD)) {
            final int start = startFrom > 0 ? startFrom : argc + startFrom;
            final int end = startFrom > 0 ? argc - 1 : 0;
            for (int i = start; i != end; i = start <= end ? i + 1 : i - 1) {
                if (i >= argc || i < 0) {
                    break;
                }
                if (args.string(offset + i).equalsIgnoreCase(keyword)) {
                    first = i + 1;
                    break;
                }
            }
            if (first == 0) {
                return true;
            }
        } else {
            return false;
        }
        final int last;
        final int step;
        if (findKeys.equals(RANGE)) {
            if (a >= 0) {
                last = first + a;
            } else if (c == 0) {
                last = argc + a;
            } else {
                last = first + ((argc - first) / c + a);
            }
            step = b;
        } else if (findKeys.equals(KEYNUM)) {
            if (a >= argc || first + a >= argc) {
                return false;
            }
            final long numkeys = strictLong(args.string(offset + first + a));
            if (numkeys < 0 || numkeys > Integer.MAX_VALUE) {
                return false;
            }
            first += b;
            last = first + (int) numkeys - 1;
            step = c;
        } else {
            return false;
        }
        if (last >= argc || last < first || first >= argc) {
            return false;
        }
        for (int i = first; i <= last; i += step) {
            if (i >= argc && negativeArity) {
                continue;
            }
            out.add(i);
        }
        return true;
    }

    /** Redis's {@code string2ll}: a strict decimal long, or -1 for anything else (callers reject negatives). */
    private static long strictLong(final String s) {
        if (s.isEmpty() || s.length() > 20 || s.startsWith("+") || (s.length() > 1 && s.startsWith("0"))
            || s.startsWith("-0")) {
            return -1;
        }
        try {
            return Long.parseLong(s);
        } catch (final NumberFormatException e) {
            return -1;
        }
    }
}
