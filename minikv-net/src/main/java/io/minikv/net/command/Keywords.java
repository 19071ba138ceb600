package io.minikv.net.command;

import java.nio.charset.StandardCharsets;

/**
 * Option keywords as bytes, compared case-insensitively against arguments by
 * {@link io.minikv.net.resp.CommandArgs#is(int, byte[])} without allocating.
 */
final class Keywords {
    static final byte[] NX = k("NX");
    static final byte[] XX = k("XX");
    static final byte[] GT = k("GT");
    static final byte[] LT = k("LT");
    static final byte[] GET = k("GET");
    static final byte[] EX = k("EX");
    static final byte[] PX = k("PX");
    static final byte[] EXAT = k("EXAT");
    static final byte[] PXAT = k("PXAT");
    static final byte[] KEEPTTL = k("KEEPTTL");
    static final byte[] PERSIST = k("PERSIST");
    static final byte[] MATCH = k("MATCH");
    static final byte[] COUNT = k("COUNT");
    static final byte[] TYPE = k("TYPE");
    static final byte[] DB = k("DB");
    static final byte[] REPLACE = k("REPLACE");
    static final byte[] ABSTTL = k("ABSTTL");
    static final byte[] IDLETIME = k("IDLETIME");
    static final byte[] FREQ = k("FREQ");
    static final byte[] COPY = k("COPY");
    static final byte[] AUTH2 = k("AUTH2");
    static final byte[] KEYS = k("KEYS");
    static final byte[] ASYNC = k("ASYNC");
    static final byte[] SYNC = k("SYNC");
    static final byte[] AUTH = k("AUTH");
    static final byte[] SETNAME = k("SETNAME");
    static final byte[] ON = k("ON");
    static final byte[] OFF = k("OFF");
    static final byte[] ID = k("ID");
    static final byte[] ADDR = k("ADDR");
    static final byte[] LADDR = k("LADDR");
    static final byte[] SKIPME = k("SKIPME");
    static final byte[] USER = k("USER");
    static final byte[] MAXAGE = k("MAXAGE");
    static final byte[] YES = k("YES");
    static final byte[] NO = k("NO");
    static final byte[] NORMAL = k("NORMAL");
    static final byte[] LIB_NAME = k("LIB-NAME");
    static final byte[] LIB_VER = k("LIB-VER");
    static final byte[] FILTERBY = k("FILTERBY");
    static final byte[] PATTERN = k("PATTERN");
    static final byte[] MODULE = k("MODULE");
    static final byte[] ACLCAT = k("ACLCAT");
    static final byte[] NOSAVE = k("NOSAVE");
    static final byte[] SAVE = k("SAVE");
    static final byte[] NOW = k("NOW");
    static final byte[] FORCE = k("FORCE");
    static final byte[] ABORT = k("ABORT");
    static final byte[] SCHEDULE = k("SCHEDULE");

    private Keywords() {
    }

    /**
     * Returns a keyword's bytes, to compare arguments with {@code CommandArgs.is} (case-insensitive).
     *
     * @param text the keyword.
     * @return its ASCII bytes.
     */
    static byte[] k(final String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
