package io.minikv.engine.type.hll;

import static io.minikv.engine.type.hll.HllLayout.DENSE_SIZE;
import static io.minikv.engine.type.hll.HllLayout.HEADER_SIZE;
import static io.minikv.engine.type.hll.HllLayout.REGISTERS;
import static io.minikv.engine.type.hll.HllLayout.REGISTER_MAX;
import static io.minikv.engine.type.hll.HllLayout.SPARSE;

import java.util.Random;

/**
 * PFSELFTEST: Redis's self-test of the HyperLogLog code. Test 1 writes random values to every dense register and
 * reads them back; test 2 adds ten million distinct elements to a dense and a sparse value side by side and checks,
 * at each power of ten, that small values stay sparse, that both encodings estimate the same, and that the error is
 * within six standard errors. Stateless.
 */
public final class HllSelfTest {
    private static final int CYCLES = 1000;
    private static final int ELEMENTS = 10_000_000;

    private HllSelfTest() {
    }

    /**
     * Runs the test.
     *
     * @param random the source of register values and of the elements' seed.
     * @param sparseMaxBytes {@code hll-sparse-max-bytes}.
     * @return null on success, else the failure's text after {@code TESTFAILED }.
     */
    public static String run(final Random random, final long sparseMaxBytes) {
        final byte[] dense = new byte[DENSE_SIZE + 1];
        final int[] expected = new int[REGISTERS];
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            for (int i = 0; i < REGISTERS; i++) {
                expected[i] = random.nextInt() & REGISTER_MAX;
                putRegister(dense, i, expected[i]);
            }
            for (int i = 0; i < REGISTERS; i++) {
                final int v = Hll.denseGet(dense, HEADER_SIZE, i);
                if (v != expected[i]) {
                    return "Register " + i + " should be " + expected[i] + " but is " + v;
                }
            }
        }
        return approximation(random, sparseMaxBytes);
    }

    private static void putRegister(final byte[] b, final int regnum, final int value) {
        final int at = HEADER_SIZE + regnum * 6 / 8;
        final int fb = regnum * 6 & 7;
        final int fb8 = 8 - fb;
        b[at] = (byte) (b[at] & ~(REGISTER_MAX << fb) | value << fb);
        b[at + 1] = (byte) (b[at + 1] & ~(REGISTER_MAX >>> fb8) | value >>> fb8);
    }

    private static String approximation(final Random random, final long sparseMaxBytes) {
        final Hll dense = Hll.empty();
        dense.toDense();
        final Hll sparse = Hll.empty();
        final double relerr = 1.04 / Math.sqrt(REGISTERS);
        final long seed = random.nextLong();
        final byte[] element = new byte[8];
        long checkpoint = 1;
        for (long j = 1; j <= ELEMENTS; j++) {
            final long e = j ^ seed;
            for (int k = 0; k < 8; k++) {
                element[k] = (byte) (e >>> (8 * k));
            }
            dense.add(element, sparseMaxBytes);
            sparse.add(element, sparseMaxBytes);
            if (j != checkpoint) {
                continue;
            }
            if (j < sparseMaxBytes / 2 && sparse.encoding() != SPARSE) {
                return "sparse encoding not used";
            }
            final long estimate = dense.count();
            if (estimate != sparse.count()) {
                return "dense/sparse disagree";
            }
            final long abserr = Math.abs(checkpoint - estimate);
            final long maxerr = j == 10 ? 1 : (long) Math.ceil(relerr * 6 * checkpoint);
            if (abserr > maxerr) {
                return "Too big error. card:" + checkpoint + " abserr:" + abserr;
            }
            checkpoint *= 10;
        }
        return null;
    }
}
