package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_DENYOOM;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;
import static io.minikv.net.command.Keywords.k;

import java.util.ArrayList;
import java.util.List;

import io.minikv.api.GeoMember;
import io.minikv.api.GeoPosition;
import io.minikv.api.GeoResult;
import io.minikv.api.GeoSearch;
import io.minikv.api.GeoUnit;
import io.minikv.api.KvError;
import io.minikv.api.KvException;
import io.minikv.api.KvStore;
import io.minikv.api.ZAddArgs;
import io.minikv.engine.type.geo.GeoHash;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

/**
 * The geo commands ({@code geo.c}): GEOADD, GEOPOS, GEODIST, GEOHASH, GEOSEARCH, GEOSEARCHSTORE and the older
 * GEORADIUS family. Arguments are parsed in the order of Redis's {@code georadiusGeneric} so that the same bad input
 * gets the same error: the source's type is checked first, a FROMMEMBER member is looked up where it appears, and
 * the combination checks run after the options. Distances are replied as {@code %.4f}, coordinates as Redis's
 * human-friendly long doubles ({@link GeoHash#formatCoordinate}).
 * <p>
 * Stateless; handlers run on the calling client's event loop.
 */
final class GeoCommands {
    static final String GROUP = "geo";
    private static final byte[] CH = k("CH");
    private static final byte[] WITHDIST = k("WITHDIST");
    private static final byte[] WITHHASH = k("WITHHASH");
    private static final byte[] WITHCOORD = k("WITHCOORD");
    private static final byte[] ANY = k("ANY");
    private static final byte[] ASC = k("ASC");
    private static final byte[] DESC = k("DESC");
    private static final byte[] STORE = k("STORE");
    private static final byte[] STOREDIST = k("STOREDIST");
    private static final byte[] FROMMEMBER = k("FROMMEMBER");
    private static final byte[] FROMLONLAT = k("FROMLONLAT");
    private static final byte[] BYRADIUS = k("BYRADIUS");
    private static final byte[] BYBOX = k("BYBOX");
    private static final byte[][] UNITS = {k("M"), k("KM"), k("FT"), k("MI")};
    private static final GeoUnit[] UNIT_VALUES = {GeoUnit.M, GeoUnit.KM, GeoUnit.FT, GeoUnit.MI};

    /** Search kinds, as Redis's {@code georadiusGeneric} flags. */
    private static final int RADIUS_COORDS = 1;
    private static final int RADIUS_MEMBER = 1 << 1;
    private static final int RADIUS_NOSTORE = 1 << 2;
    private static final int SEARCH = 1 << 3;
    private static final int SEARCH_STORE = 1 << 4;

    private GeoCommands() {
    }

    /**
     * Registers the family.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        final int wd = FLAG_WRITE | FLAG_DENYOOM;
        table.register(spec("geoadd", -5, wd, 1, 1, GeoCommands::geoadd, "3.2.0",
            "Adds one or more members to a geospatial index. The key is created if it doesn't exist."));
        table.register(spec("geopos", -2, FLAG_READONLY, 1, 1, GeoCommands::geopos, "3.2.0",
            "Returns the longitude and latitude of members from a geospatial index."));
        table.register(spec("geodist", -4, FLAG_READONLY, 1, 1, GeoCommands::geodist, "3.2.0",
            "Returns the distance between two members of a geospatial index."));
        table.register(spec("geohash", -2, FLAG_READONLY, 1, 1, GeoCommands::geohash, "3.2.0",
            "Returns members from a geospatial index as geohash strings."));
        table.register(spec("geosearch", -7, FLAG_READONLY, 1, 1, c -> search(c, 1, SEARCH), "6.2.0",
            "Queries a geospatial index for members inside an area of a box or a circle."));
        table.register(spec("geosearchstore", -8, wd, 1, 2, c -> search(c, 2, SEARCH | SEARCH_STORE), "6.2.0",
            "Queries a geospatial index for members inside an area of a box or a circle, optionally stores the "
                + "result."));
        table.register(spec("georadius", -6, wd, 1, 1, c -> search(c, 1, RADIUS_COORDS), "3.2.0",
            "Queries a geospatial index for members within a distance from a coordinate, optionally stores the "
                + "result."));
        table.register(spec("georadius_ro", -6, FLAG_READONLY, 1, 1,
            c -> search(c, 1, RADIUS_COORDS | RADIUS_NOSTORE), "3.2.10",
            "Returns members from a geospatial index that are within a distance from a coordinate."));
        table.register(spec("georadiusbymember", -5, wd, 1, 1, c -> search(c, 1, RADIUS_MEMBER), "3.2.0",
            "Queries a geospatial index for members within a distance from a member, optionally stores the "
                + "result."));
        table.register(spec("georadiusbymember_ro", -5, FLAG_READONLY, 1, 1,
            c -> search(c, 1, RADIUS_MEMBER | RADIUS_NOSTORE), "3.2.10",
            "Returns members from a geospatial index that are within a distance from a member."));
    }

    private static CommandSpec spec(final String name, final int arity, final int flags, final int first,
        final int last, final CommandHandler handler, final String since, final String summary) {
        return CommandSpec.of(name, arity, GROUP, handler).flags(flags).keys(first, last, 1).doc(summary, since)
            .build();
    }

    // ------------------------------------------------------------------------------------------------ parsing

    /** Parses a unit; replies the error and returns null when it is not one. */
    private static GeoUnit unit(final Client c, final int i) {
        for (int u = 0; u < UNITS.length; u++) {
            if (c.args().is(i, UNITS[u])) {
                return UNIT_VALUES[u];
            }
        }
        c.reply().error(KvError.GEO_UNIT);
        return null;
    }

    /** Parses {@code longitude latitude} at i; replies the error and returns null when invalid. */
    private static double[] lonLat(final Client c, final int i) {
        final CommandArgs a = c.args();
        final double[] xy = new double[2];
        for (int j = 0; j < 2; j++) {
            if (!a.parseScore(i + j)) {
                c.reply().error(KvError.NOT_FLOAT);
                return null;
            }
            xy[j] = a.doubleValue();
        }
        try {
            GeoSearch.checkLonLat(xy[0], xy[1]);
        } catch (final KvException e) {
            c.reply().error(e.getMessage());
            return null;
        }
        return xy;
    }

    /** Parses {@code radius unit} at i into a search; replies the error and returns null when invalid. */
    private static GeoSearch radius(final Client c, final int i, final GeoSearch from) {
        final CommandArgs a = c.args();
        if (!a.parseScore(i)) {
            c.reply().error(KvError.GEO_RADIUS_NOT_NUMERIC);
            return null;
        }
        final double radius = a.doubleValue();
        if (radius < 0) {
            c.reply().error(KvError.GEO_RADIUS_NEGATIVE);
            return null;
        }
        final GeoUnit unit = unit(c, i + 1);
        return unit == null ? null : from.byRadius(radius, unit);
    }

    /** Parses {@code width height unit} at i into a search; replies the error and returns null when invalid. */
    private static GeoSearch box(final Client c, final int i, final GeoSearch from) {
        final CommandArgs a = c.args();
        if (!a.parseScore(i)) {
            c.reply().error(KvError.GEO_WIDTH_NOT_NUMERIC);
            return null;
        }
        final double width = a.doubleValue();
        if (!a.parseScore(i + 1)) {
            c.reply().error(KvError.GEO_HEIGHT_NOT_NUMERIC);
            return null;
        }
        final double height = a.doubleValue();
        if (height < 0 || width < 0) {
            c.reply().error(KvError.GEO_BOX_NEGATIVE);
            return null;
        }
        final GeoUnit unit = unit(c, i + 2);
        return unit == null ? null : from.byBox(width, height, unit);
    }

    // ------------------------------------------------------------------------------------------------ handlers

    static void geoadd(final Client c) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        boolean nx = false;
        boolean xx = false;
        boolean ch = false;
        int i = 2;
        for (; i < a.count(); i++) {
            if (a.is(i, Keywords.NX)) {
                nx = true;
            } else if (a.is(i, Keywords.XX)) {
                xx = true;
            } else if (a.is(i, CH)) {
                ch = true;
            } else {
                break;
            }
        }
        // No triple at all is ZADD's syntax error, as Redis hands GEOADD over to ZADD.
        if ((a.count() - i) % 3 != 0 || (nx && xx) || a.count() == i) {
            r.error(KvError.SYNTAX);
            return;
        }
        final List<GeoMember> members = new ArrayList<>((a.count() - i) / 3);
        for (int j = i; j < a.count(); j += 3) {
            final double[] xy = lonLat(c, j);
            if (xy == null) {
                return;
            }
            members.add(new GeoMember(xy[0], xy[1], a.bytes(j + 2)));
        }
        r.integer(c.db().geoadd(a.bytes(1), new ZAddArgs(nx, xx, false, false, ch), members));
    }

    static void geopos(final Client c) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        final List<GeoPosition> positions = c.db().geopos(a.bytes(1), a.bytes(2, a.count()));
        r.array(positions.size());
        for (final GeoPosition p : positions) {
            if (p == null) {
                r.nullArray();
            } else {
                r.array(2);
                r.bulk(GeoHash.formatCoordinate(p.longitude()));
                r.bulk(GeoHash.formatCoordinate(p.latitude()));
            }
        }
    }

    static void geodist(final Client c) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        GeoUnit unit = GeoUnit.M;
        if (a.count() == 5) {
            unit = unit(c, 4);
            if (unit == null) {
                return;
            }
        } else if (a.count() > 5) {
            r.error(KvError.SYNTAX);
            return;
        }
        final Double distance = c.db().geodist(a.bytes(1), a.bytes(2), a.bytes(3), unit);
        if (distance == null) {
            r.nullBulk();
        } else {
            r.bulk(GeoHash.formatDistance(distance));
        }
    }

    static void geohash(final Client c) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        final List<String> hashes = c.db().geohash(a.bytes(1), a.bytes(2, a.count()));
        r.array(hashes.size());
        for (final String h : hashes) {
            if (h == null) {
                r.nullBulk();
            } else {
                r.bulk(h);
            }
        }
    }

    /**
     * GEOSEARCH, GEOSEARCHSTORE and the GEORADIUS family ({@code georadiusGeneric}).
     *
     * @param c the client.
     * @param source the index of the searched key.
     * @param flags the kind of search.
     */
    static void search(final Client c, final int source, final int flags) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        final KvStore db = c.db();
        final byte[] key = a.bytes(source);
        // Redis checks the source's type before anything else; zcard throws WRONGTYPE.
        final boolean exists = db.zcard(key) > 0;
        GeoSearch center = null;
        GeoSearch shape = null;
        final int base;
        if ((flags & RADIUS_COORDS) != 0) {
            base = 6;
            final double[] xy = lonLat(c, 2);
            if (xy == null) {
                return;
            }
            center = GeoSearch.fromLonLat(xy[0], xy[1]);
            shape = radius(c, 4, center);
            if (shape == null) {
                return;
            }
        } else if ((flags & RADIUS_MEMBER) != 0) {
            base = 5;
            if (exists) {
                if (db.zscore(key, a.bytes(2)) == null) {
                    r.error(KvError.GEO_MEMBER_NOT_FOUND);
                    return;
                }
                center = GeoSearch.fromMember(a.bytes(2));
                shape = radius(c, 3, center);
                if (shape == null) {
                    return;
                }
            }
        } else {
            base = (flags & SEARCH_STORE) != 0 ? 3 : 2;
        }
        byte[] storeKey = (flags & SEARCH_STORE) != 0 ? a.bytes(1) : null;
        boolean storeDist = false;
        boolean withDist = false;
        boolean withHash = false;
        boolean withCoord = false;
        boolean fromMember = false;
        boolean fromLonLat = false;
        boolean byRadius = false;
        boolean byBox = false;
        GeoSearch.Order order = GeoSearch.Order.NONE;
        boolean any = false;
        long count = 0;
        final boolean search = (flags & SEARCH) != 0;
        final boolean storable = (flags & (RADIUS_NOSTORE | SEARCH)) == 0;
        final int remaining = a.count() - base;
        for (int j = 0; j < remaining; j++) {
            final int i = base + j;
            if (a.is(i, WITHDIST)) {
                withDist = true;
            } else if (a.is(i, WITHHASH)) {
                withHash = true;
            } else if (a.is(i, WITHCOORD)) {
                withCoord = true;
            } else if (a.is(i, ANY)) {
                any = true;
            } else if (a.is(i, ASC)) {
                order = GeoSearch.Order.ASC;
            } else if (a.is(i, DESC)) {
                order = GeoSearch.Order.DESC;
            } else if (a.is(i, Keywords.COUNT) && j + 1 < remaining) {
                if (!a.parseLong(i + 1)) {
                    r.error(KvError.NOT_INTEGER);
                    return;
                }
                count = a.longValue();
                if (count <= 0) {
                    r.error(KvError.GEO_COUNT_NOT_POSITIVE);
                    return;
                }
                j++;
            } else if ((a.is(i, STORE) || a.is(i, STOREDIST)) && j + 1 < remaining && storable) {
                storeKey = a.bytes(i + 1);
                storeDist = a.is(i, STOREDIST);
                j++;
            } else if (a.is(i, STOREDIST) && search && (flags & SEARCH_STORE) != 0) {
                storeDist = true;
            } else if (a.is(i, FROMMEMBER) && j + 1 < remaining && search && !fromLonLat) {
                // A missing source still parses on, to pick the reply; a missing member fails at once.
                if (exists && db.zscore(key, a.bytes(i + 1)) == null) {
                    r.error(KvError.GEO_MEMBER_NOT_FOUND);
                    return;
                }
                center = GeoSearch.fromMember(a.bytes(i + 1));
                fromMember = true;
                j++;
            } else if (a.is(i, FROMLONLAT) && j + 2 < remaining && search && !fromMember) {
                final double[] xy = lonLat(c, i + 1);
                if (xy == null) {
                    return;
                }
                center = GeoSearch.fromLonLat(xy[0], xy[1]);
                fromLonLat = true;
                j += 2;
            } else if (a.is(i, BYRADIUS) && j + 2 < remaining && search && !byBox) {
                shape = radius(c, i + 1, GeoSearch.fromLonLat(0, 0));
                if (shape == null) {
                    return;
                }
                byRadius = true;
                j += 2;
            } else if (a.is(i, BYBOX) && j + 3 < remaining && search && !byRadius) {
                shape = box(c, i + 1, GeoSearch.fromLonLat(0, 0));
                if (shape == null) {
                    return;
                }
                byBox = true;
                j += 3;
            } else {
                r.error(KvError.SYNTAX);
                return;
            }
        }
        if (storeKey != null && (withDist || withHash || withCoord)) {
            r.error(KvError.GEO_STORE_INCOMPATIBLE.format(
                (flags & SEARCH_STORE) != 0 ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS"));
            return;
        }
        if (search && !(fromMember || fromLonLat)) {
            r.error(KvError.GEO_NEED_FROM.format(a.cString(0)));
            return;
        }
        if (search && !(byRadius || byBox)) {
            r.error(KvError.GEO_NEED_BY.format(a.cString(0)));
            return;
        }
        if (any && count == 0) {
            r.error(KvError.GEO_ANY_NEEDS_COUNT);
            return;
        }
        if (!exists && storeKey == null) {
            r.array(0);
            return;
        }
        if (shape == null) {
            // GEORADIUSBYMEMBER of a missing source parses no radius, as Redis; the store below searches nothing and
            // deletes the destination, atomically with finding the source missing.
            center = GeoSearch.fromMember(a.bytes(2));
            shape = center.byRadius(0, GeoUnit.M);
        }
        GeoSearch query = shape.isBox() ? center.byBox(shape.width(), shape.height(), shape.unit())
            : center.byRadius(shape.radius(), shape.unit());
        query = query.order(order);
        if (count > 0) {
            query = query.count(count, any);
        }
        if (storeKey != null) {
            r.integer(db.geosearchstore(storeKey, key, query, storeDist));
            // GEORADIUS's STORE key is outside the spec's key range, so the dispatcher does not wake clients
            // blocked on it (BZPOPMIN...); Redis does, as for any key a command creates.
            if ((flags & SEARCH_STORE) == 0 && c.server().blocking().hasWaiters()) {
                c.server().blocking().signal(c.dbIndex(), storeKey);
            }
            return;
        }
        reply(r, db.geosearch(key, query), withDist, withHash, withCoord);
    }

    private static void reply(final ReplyWriter r, final List<GeoResult> results, final boolean withDist,
        final boolean withHash, final boolean withCoord) {
        final int options = (withDist ? 1 : 0) + (withHash ? 1 : 0) + (withCoord ? 1 : 0);
        r.array(results.size());
        for (final GeoResult g : results) {
            if (options > 0) {
                r.array(options + 1);
            }
            r.bulk(g.member());
            if (withDist) {
                r.bulk(GeoHash.formatDistance(g.distance()));
            }
            if (withHash) {
                r.integer(g.hash());
            }
            if (withCoord) {
                r.array(2);
                r.bulk(GeoHash.formatCoordinate(g.longitude()));
                r.bulk(GeoHash.formatCoordinate(g.latitude()));
            }
        }
    }
}
