package io.minikv.engine.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Frames carry any byte stream unchanged, whatever the sizes of the writes and reads, compressible or not; and a
 * reader never reads past the end record.
 */
class FrameRoundTripTest {

    private static byte[] stream(final Random random, final int length) {
        final byte[] b = new byte[length];
        int i = 0;
        while (i < length) {
            // Runs of repeated bytes (LZ4 frames) alternate with noise (stored frames).
            final int run = Math.min(length - i, 1 + random.nextInt(3 * SnapshotFormat.FRAME_SIZE / 2));
            if (random.nextBoolean()) {
                java.util.Arrays.fill(b, i, i + run, (byte) random.nextInt(4));
            } else {
                final byte[] noise = new byte[run];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, b, i, run);
            }
            i += run;
        }
        return b;
    }

    @Test
    void shouldCarryAnyStreamInAnyChunking() throws Exception {
        final Random random = new Random(11);
        for (int round = 0; round < 30; round++) {
            final byte[] data = stream(random, random.nextInt(400_000));
            final ByteArrayOutputStream file = new ByteArrayOutputStream();
            final FrameOutput out = new FrameOutput(Channels.newChannel(file));
            for (int off = 0; off < data.length;) {
                final int n = Math.min(data.length - off, random.nextInt(100_000));
                out.write(data, off, n);
                off += n;
            }
            out.finish();
            assertThat(out.written()).isEqualTo(file.size());

            final FrameInput in = new FrameInput(new ByteArrayInputStream(file.toByteArray()), 0);
            final byte[] back = new byte[data.length];
            for (int off = 0; off < back.length;) {
                final int n = Math.min(back.length - off, random.nextInt(100_000));
                in.readFully(back, off, n);
                off += n;
            }
            assertThat(back).isEqualTo(data);
            in.expectEnd();
        }
    }

    @Test
    void shouldRefuseToReadPastTheEndFrame() throws IOException {
        final ByteArrayOutputStream file = new ByteArrayOutputStream();
        final FrameOutput out = new FrameOutput(Channels.newChannel(file));
        out.write(new byte[] {1, 2, 3}, 0, 3);
        out.finish();
        final FrameInput in = new FrameInput(new ByteArrayInputStream(file.toByteArray()), 0);
        assertThatThrownBy(() -> in.readFully(new byte[4], 0, 4)).isInstanceOf(FrameInput.CorruptionException.class)
            .hasMessageContaining("end frame before the end record");
    }

    @Test
    void shouldCompressRepetitiveFramesAndStoreNoise() throws IOException {
        final ByteArrayOutputStream zeros = new ByteArrayOutputStream();
        final FrameOutput z = new FrameOutput(Channels.newChannel(zeros));
        z.write(new byte[SnapshotFormat.FRAME_SIZE], 0, SnapshotFormat.FRAME_SIZE);
        z.finish();
        assertThat(zeros.toByteArray()[0]).isEqualTo(SnapshotFormat.FRAME_LZ4);
        assertThat(zeros.size()).isLessThan(SnapshotFormat.FRAME_SIZE / 50);

        final byte[] noise = new byte[1000];
        new Random(5).nextBytes(noise);
        final ByteArrayOutputStream stored = new ByteArrayOutputStream();
        final FrameOutput s = new FrameOutput(Channels.newChannel(stored));
        s.write(noise, 0, noise.length);
        s.finish();
        assertThat(stored.toByteArray()[0]).isEqualTo(SnapshotFormat.FRAME_STORED);
    }
}
