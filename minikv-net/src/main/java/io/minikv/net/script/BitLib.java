package io.minikv.net.script;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code bit} library Redis loads (LuaBitOp): 32-bit operations on numbers, results as signed 32-bit numbers.
 * <p>
 * Stateless.
 */
final class BitLib {
    private static final String[] NAMES = {"tobit", "tohex", "bnot", "band", "bor", "bxor", "lshift", "rshift",
        "arshift", "rol", "ror", "bswap"};

    private BitLib() {
    }

    static LuaTable create() {
        final LuaTable t = new LuaTable();
        for (int i = 0; i < NAMES.length; i++) {
            t.rawset(NAMES[i], new Op(i));
        }
        return t;
    }

    /** LuaBitOp normalises a number to 32 bits by adding 2^52 + 2^51 and keeping the low word. */
    private static int tobit(final LuaValue v) {
        return (int) (long) Math.rint(v.checkdouble());
    }

    private static final class Op extends VarArgFunction {
        private final int op;

        Op(final int op) {
            this.op = op;
            this.name = NAMES[op];
        }

        @Override
        public Varargs invoke(final Varargs args) {
            final int a = tobit(args.arg1());
            switch (op) {
                case 0:
                    return LuaValue.valueOf(a);
                case 1: {
                    int n = args.isnoneornil(2) ? 8 : tobit(args.arg(2));
                    final boolean upper = n < 0;
                    n = Math.min(8, Math.abs(n));
                    String hex = String.format("%08x", a);
                    hex = hex.substring(8 - n);
                    return LuaValue.valueOf(upper ? hex.toUpperCase(java.util.Locale.ROOT) : hex);
                }
                case 2:
                    return LuaValue.valueOf(~a);
                case 3:
                case 4:
                case 5: {
                    int r = a;
                    for (int i = 2; i <= args.narg(); i++) {
                        final int b = tobit(args.arg(i));
                        r = op == 3 ? r & b : op == 4 ? r | b : r ^ b;
                    }
                    return LuaValue.valueOf(r);
                }
                case 6:
                    return LuaValue.valueOf(a << (tobit(args.arg(2)) & 31));
                case 7:
                    return LuaValue.valueOf(a >>> (tobit(args.arg(2)) & 31));
                case 8:
                    return LuaValue.valueOf(a >> (tobit(args.arg(2)) & 31));
                case 9:
                    return LuaValue.valueOf(Integer.rotateLeft(a, tobit(args.arg(2)) & 31));
                case 10:
                    return LuaValue.valueOf(Integer.rotateRight(a, tobit(args.arg(2)) & 31));
                default:
                    return LuaValue.valueOf(Integer.reverseBytes(a));
            }
        }
    }
}
