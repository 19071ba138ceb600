package io.minikv.net.resp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.minikv.engine.type.Strtod;

/**
 * A flyweight over the arguments of one parsed command: each argument is an offset and a length into a buffer (the
 * connection's read buffer for multibulk commands, a scratch buffer for unescaped inline commands), so reading a
 * command allocates nothing.
 * <p>
 * Number parsing follows Redis exactly and reports failure through a return value, not an exception:
 * {@link #parseLong(int)} is {@code string2ll} (no {@code +}, no leading zeros, no {@code -0}, no spaces), and
 * {@link #parseDouble(int)} accepts what {@code strtod} accepts, including {@code inf} and {@code -inf}.
 * <p>
 * Owned by one connection's event loop thread; valid only until the next command is parsed.
 */
public final class CommandArgs {
    private static final int MAX_LONG_DIGITS = 20;

    private ByteBuffer buffer;
    private int[] offsets = new int[8];
    private int[] lengths = new int[8];
    private int count;
    private long longValue;
    private double doubleValue;
    private boolean boundExclusive;

    /**
     * Returns the buffer the arguments point into.
     *
     * @return the buffer; use absolute access only.
     */
    public ByteBuffer buffer() {
        return buffer;
    }

    /**
     * Returns the number of arguments, the command name included.
     *
     * @return argc.
     */
    public int count() {
        return count;
    }

    /**
     * Copies the arguments into a compact heap buffer of their own, for a command that must outlive the read buffer
     * (a command queued by MULTI).
     *
     * @return an independent copy, valid until dropped.
     */
    public CommandArgs copy() {
        final ByteBuffer target = ByteBuffer.allocate((int) byteLength());
        final CommandArgs c = new CommandArgs();
        c.buffer = target;
        c.offsets = new int[Math.max(1, count)];
        c.lengths = new int[Math.max(1, count)];
        int at = 0;
        for (int i = 0; i < count; i++) {
            target.put(at, buffer, offsets[i], lengths[i]);
            c.offsets[i] = at;
            c.lengths[i] = lengths[i];
            at += lengths[i];
        }
        c.count = count;
        return c;
    }

    /**
     * Creates arguments over one heap buffer holding copies of the given arguments, for a command that does not come
     * from the wire (a script's {@code redis.call}).
     *
     * @param argv the arguments, the command name first.
     * @return independent arguments.
     */
    public static CommandArgs of(final byte[][] argv) {
        int total = 0;
        for (final byte[] arg : argv) {
            total += arg.length;
        }
        final ByteBuffer target = ByteBuffer.allocate(total);
        final CommandArgs c = new CommandArgs();
        c.buffer = target;
        c.offsets = new int[Math.max(1, argv.length)];
        c.lengths = new int[Math.max(1, argv.length)];
        int at = 0;
        for (int i = 0; i < argv.length; i++) {
            target.put(at, argv[i]);
            c.offsets[i] = at;
            c.lengths[i] = argv[i].length;
            at += argv[i].length;
        }
        c.count = argv.length;
        return c;
    }

    /**
     * Splits a line into arguments as Redis's {@code sdssplitargs} does (spaces separate, quotes group, escapes in
     * double quotes), for text that is not a command: a function library's {@code #!} line.
     *
     * @param line the line, without its newline.
     * @return independent arguments, or null on unbalanced quotes.
     */
    public static CommandArgs split(final byte[] line) {
        final ByteBuffer scratch = ByteBuffer.allocate(Math.max(1, line.length));
        final CommandArgs c = new CommandArgs();
        c.reset(scratch);
        return InlineSplitter.split(ByteBuffer.wrap(line), 0, line.length, scratch, c) ? c : null;
    }

    /**
     * Returns the total length of the arguments, what {@link #copy()} keeps.
     *
     * @return the sum of the argument lengths.
     */
    public long byteLength() {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += lengths[i];
        }
        return total;
    }

    /**
     * Returns where argument {@code i} starts in {@link #buffer()}.
     *
     * @param i the argument index, 0 for the command name.
     * @return the offset.
     */
    public int offset(final int i) {
        return offsets[i];
    }

    /**
     * Returns the length of argument {@code i}.
     *
     * @param i the argument index.
     * @return the length in bytes.
     */
    public int length(final int i) {
        return lengths[i];
    }

    /**
     * Returns byte {@code j} of argument {@code i}.
     *
     * @param i the argument index.
     * @param j the byte index within the argument.
     * @return the byte.
     */
    public byte byteAt(final int i, final int j) {
        return buffer.get(offsets[i] + j);
    }

    /**
     * Starts a new command over the given buffer.
     *
     * @param target the buffer the arguments will point into.
     */
    void reset(final ByteBuffer target) {
        this.buffer = target;
        this.count = 0;
    }

    /**
     * Points the arguments recorded so far at another buffer holding the same bytes at the same offsets, after the
     * read buffer was replaced by a larger one.
     *
     * @param target the new buffer.
     */
    void rebind(final ByteBuffer target) {
        this.buffer = target;
    }

    /**
     * Appends an argument.
     *
     * @param offset its first byte in the buffer.
     * @param length its length.
     */
    void add(final int offset, final int length) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        offsets[count] = offset;
        lengths[count] = length;
        count++;
    }

    /**
     * Moves every argument's offset down by {@code delta}, after the buffer was compacted.
     *
     * @param delta how many bytes the content moved towards 0.
     */
    void shift(final int delta) {
        for (int i = 0; i < count; i++) {
            offsets[i] -= delta;
        }
    }

    /**
     * Compares argument {@code i} with an ASCII keyword, ignoring case.
     *
     * @param i the argument index.
     * @param keyword the keyword in upper or lower case ASCII letters, digits and punctuation.
     * @return true when they are equal ignoring ASCII case.
     */
    public boolean is(final int i, final byte[] keyword) {
        final int length = lengths[i];
        if (length != keyword.length) {
            return false;
        }
        final ByteBuffer buffer = this.buffer;
        final int offset = offsets[i];
        for (int j = 0; j < length; j++) {
            if (toLower(buffer.get(offset + j)) != toLower(keyword[j])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares argument {@code i} with the tail of an ASCII keyword from {@code from}, ignoring case; used to match
     * a subcommand against the part of {@code "client|setname"} after the bar.
     *
     * @param i the argument index.
     * @param keyword the keyword bytes.
     * @param from the first keyword byte to compare.
     * @return true when equal ignoring ASCII case.
     */
    public boolean is(final int i, final byte[] keyword, final int from) {
        final int length = lengths[i];
        if (length != keyword.length - from) {
            return false;
        }
        final int offset = offsets[i];
        for (int j = 0; j < length; j++) {
            if (toLower(buffer.get(offset + j)) != toLower(keyword[from + j])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares argument {@code i} with another argument byte by byte.
     *
     * @param i one argument index.
     * @param k the other argument index.
     * @return true when their bytes are equal.
     */
    public boolean sameBytes(final int i, final int k) {
        if (lengths[i] != lengths[k]) {
            return false;
        }
        return buffer.slice(offsets[i], lengths[i]).equals(buffer.slice(offsets[k], lengths[k]));
    }

    /**
     * Copies argument {@code i} onto the heap, for the API calls that take arrays.
     *
     * @param i the argument index.
     * @return a new array holding the argument's bytes.
     */
    public byte[] bytes(final int i) {
        final byte[] copy = new byte[lengths[i]];
        buffer.get(offsets[i], copy);
        return copy;
    }

    /**
     * Copies arguments {@code from} (inclusive) to {@code to} (exclusive) onto the heap.
     *
     * @param from first argument index.
     * @param to end argument index.
     * @return one new array per argument.
     */
    public byte[][] bytes(final int from, final int to) {
        final byte[][] all = new byte[to - from][];
        for (int i = from; i < to; i++) {
            all[i - from] = bytes(i);
        }
        return all;
    }

    /**
     * Decodes argument {@code i} as text, byte for byte (ISO-8859-1), so any binary input round-trips.
     *
     * @param i the argument index.
     * @return the text.
     */
    public String string(final int i) {
        return new String(bytes(i), StandardCharsets.ISO_8859_1);
    }

    /**
     * Decodes argument {@code i} up to its first NUL byte, as Redis's {@code %s} formatting shows it in errors.
     *
     * @param i the argument index.
     * @return the text before any NUL.
     */
    public String cString(final int i) {
        final String text = string(i);
        final int nul = text.indexOf('\0');
        return nul < 0 ? text : text.substring(0, nul);
    }

    /**
     * Parses argument {@code i} as Redis's {@code string2ll} does; on success the value is {@link #longValue()}.
     *
     * @param i the argument index.
     * @return true when the argument is a canonical signed 64-bit decimal integer.
     */
    public boolean parseLong(final int i) {
        return parseLong(buffer, offsets[i], lengths[i]);
    }

    /**
     * Returns the value of the last successful {@link #parseLong(int)}.
     *
     * @return the value.
     */
    public long longValue() {
        return longValue;
    }

    /**
     * Parses argument {@code i} as a 32-bit integer, as Redis's {@code getIntFromObjectOrReply}.
     *
     * @param i the argument index.
     * @return true when it is a canonical integer within the int range; the value is {@link #longValue()}.
     */
    public boolean parseInt(final int i) {
        return parseLong(i) && longValue >= Integer.MIN_VALUE && longValue <= Integer.MAX_VALUE;
    }

    /**
     * Parses argument {@code i} as {@code strtod} does, rejecting empty input, spaces and NaN; on success the value
     * is {@link #doubleValue()}. Accepts {@code inf}, {@code -inf}, {@code +inf}, {@code infinity}, exponents and
     * hexadecimal floats with a binary exponent.
     *
     * @param i the argument index.
     * @return true when the whole argument is a number.
     */
    public boolean parseDouble(final int i) {
        final double value = parseDouble(buffer, offsets[i], lengths[i]);
        if (Double.isNaN(value)) {
            return false;
        }
        doubleValue = value;
        return true;
    }

    /**
     * Parses bytes as {@code strtod} does (see {@link #parseDouble(int)}).
     *
     * @param buffer the buffer; absolute access only.
     * @param offset the first byte.
     * @param length the length.
     * @return the value, or NaN when the bytes are not a number (NaN itself is rejected too).
     */
    public static double parseDouble(final ByteBuffer buffer, final int offset, final int length) {
        if (length == 0 || length > 512) {
            return Double.NaN;
        }
        int start = offset;
        final int end = offset + length;
        boolean negative = false;
        final byte first = buffer.get(start);
        if (first == '+' || first == '-') {
            negative = first == '-';
            start++;
        }
        if (matchesIgnoreCase(buffer, start, end, "inf") || matchesIgnoreCase(buffer, start, end, "infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        boolean hex = false;
        if (end - start > 2 && buffer.get(start) == '0' && (buffer.get(start + 1) | 0x20) == 'x') {
            hex = true;
        }
        for (int p = start; p < end; p++) {
            final int c = buffer.get(p) & 0xff;
            final boolean ok = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'
                || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == 'x' || c == 'X' || c == 'p'
                || c == 'P'));
            if (!ok) {
                return Double.NaN;
            }
        }
        final byte[] bytes = new byte[length];
        buffer.get(offset, bytes);
        final String text = new String(bytes, StandardCharsets.ISO_8859_1);
        try {
            // Java wants a binary exponent on hexadecimal floats; strtod does not.
            return Double.parseDouble(hex && text.indexOf('p') < 0 && text.indexOf('P') < 0 ? text + "p0" : text);
        } catch (final NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Parses argument {@code i} as a sorted-set score, as Redis's {@code string2d} does (ZADD, ZINCRBY, WEIGHTS):
     * the whole argument, no spaces, no NaN, no overflow to infinity or underflow to zero; {@code inf} and
     * hexadecimal floats are accepted. On success the value is {@link #doubleValue()}.
     *
     * @param i the argument index.
     * @return true when it is a score.
     */
    public boolean parseScore(final int i) {
        final double value = Strtod.parse(buffer, offsets[i], lengths[i], Strtod.Mode.STRICT);
        if (Double.isNaN(value)) {
            return false;
        }
        doubleValue = value;
        return true;
    }

    /**
     * Parses argument {@code i} as a score range bound, as Redis's {@code zslParseRange} does: an optional
     * {@code (} for an exclusive bound, then C's {@code strtod} over the rest (leading spaces skipped, empty is 0,
     * overflow is infinity, NaN rejected). On success the value is {@link #doubleValue()} and
     * {@link #boundExclusive()} tells the kind.
     *
     * @param i the argument index.
     * @return true when it is a bound.
     */
    public boolean parseScoreBound(final int i) {
        final int length = lengths[i];
        final boolean exclusive = length > 0 && buffer.get(offsets[i]) == '(';
        final int skip = exclusive ? 1 : 0;
        final double value = Strtod.parse(buffer, offsets[i] + skip, length - skip, Strtod.Mode.LENIENT);
        if (Double.isNaN(value)) {
            return false;
        }
        doubleValue = value;
        boundExclusive = exclusive;
        return true;
    }

    /**
     * Returns whether the last successful {@link #parseScoreBound(int)} read an exclusive bound.
     *
     * @return true for {@code (value}.
     */
    public boolean boundExclusive() {
        return boundExclusive;
    }

    /**
     * Copies argument {@code i} from byte {@code from} onto the heap (a lex bound without its prefix).
     *
     * @param i the argument index.
     * @param from the first byte to copy, at most the length.
     * @return a new array.
     */
    public byte[] bytesFrom(final int i, final int from) {
        final byte[] copy = new byte[lengths[i] - from];
        buffer.get(offsets[i] + from, copy);
        return copy;
    }

    /**
     * Returns the value of the last successful {@link #parseDouble(int)}.
     *
     * @return the value.
     */
    public double doubleValue() {
        return doubleValue;
    }

    /**
     * Parses a SCAN cursor as Redis 7.0 does ({@code strtoul}): digits with an optional sign, no spaces, wrapping
     * negatives; on success the value is {@link #longValue()}, to be read as unsigned.
     *
     * @param i the argument index.
     * @return true when it is a cursor.
     */
    public boolean parseCursor(final int i) {
        final int length = lengths[i];
        final int offset = offsets[i];
        if (length == 0) {
            // strtoul of "" parses nothing and stops at the terminator, which Redis accepts as cursor 0.
            longValue = 0;
            return true;
        }
        int p = offset;
        final int end = offset + length;
        boolean negative = false;
        final byte first = buffer.get(p);
        if (first == '+' || first == '-') {
            negative = first == '-';
            p++;
        }
        if (p == end) {
            return false;
        }
        long value = 0;
        for (; p < end; p++) {
            final int c = buffer.get(p) - '0';
            if (c < 0 || c > 9) {
                return false;
            }
            // 18446744073709551615 is the largest unsigned 64-bit value: stop before it overflows (ERANGE).
            if (Long.compareUnsigned(value, 1844674407370955161L) > 0 || (value == 1844674407370955161L && c > 5)) {
                return false;
            }
            final long next = value * 10 + c;
            value = next;
        }
        longValue = negative ? -value : value;
        return true;
    }

    /**
     * Redis's {@code string2ll} over a buffer range.
     *
     * @param buffer the buffer.
     * @param offset the first byte.
     * @param length the length.
     * @return true on success, the value then being {@link #longValue()}.
     */
    boolean parseLong(final ByteBuffer buffer, final int offset, final int length) {
        if (length == 0 || length > MAX_LONG_DIGITS) {
            return false;
        }
        int p = offset;
        final int end = offset + length;
        if (length == 1 && buffer.get(p) == '0') {
            longValue = 0;
            return true;
        }
        boolean negative = false;
        if (buffer.get(p) == '-') {
            negative = true;
            p++;
            if (p == end) {
                return false;
            }
        }
        int digit = buffer.get(p) - '0';
        if (digit < 1 || digit > 9) {
            return false;
        }
        // Accumulate as a negative number so that Long.MIN_VALUE is representable.
        long value = -digit;
        p++;
        for (; p < end; p++) {
            digit = buffer.get(p) - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            if (value < Long.MIN_VALUE / 10) {
                return false;
            }
            value *= 10;
            if (value < Long.MIN_VALUE + digit) {
                return false;
            }
            value -= digit;
        }
        if (negative) {
            longValue = value;
            return true;
        }
        if (value == Long.MIN_VALUE) {
            return false;
        }
        longValue = -value;
        return true;
    }

    private static boolean matchesIgnoreCase(final ByteBuffer buffer, final int start, final int end,
        final String word) {
        if (end - start != word.length()) {
            return false;
        }
        for (int p = start; p < end; p++) {
            if (toLower(buffer.get(p)) != word.charAt(p - start)) {
                return false;
            }
        }
        return true;
    }

    private static int toLower(final byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }
}
