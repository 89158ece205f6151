package proxy.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import proxy.api.policy.ReadableBytes;

class MaskedBodyTest {
    /** Readable: the version byte and [43, 85) of a 255-byte object. */
    static final List<ReadableBytes.Run> RUNS = List.of(new ReadableBytes.Run(0, 1), new ReadableBytes.Run(43, 85));

    private static byte[] object() {
        byte[] bytes = new byte[255];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 200 + 1); // never zero
        }
        return bytes;
    }

    /** What the body must yield from {@code first}: the object's bytes inside the runs, zero elsewhere. */
    private static byte[] expected(int first) {
        byte[] all = object();
        byte[] out = new byte[all.length - first];
        for (int i = first; i < all.length; i++) {
            boolean readable = i == 0 || i >= 43 && i < 85;
            out[i - first] = readable ? all[i] : 0;
        }
        return out;
    }

    private static InputStream body(int first) {
        byte[] all = object();
        return new MaskedBody(new ByteArrayInputStream(Arrays.copyOfRange(all, first, all.length)), first, RUNS);
    }

    @Test
    void bytesOutsideTheRunsAreZeroedWhateverTheReadSizes() throws IOException {
        for (int first : List.of(0, 43, 50)) {
            assertArrayEquals(expected(first), body(first).readAllBytes(), "bulk from " + first);
            for (int chunk : List.of(1, 7, 42, 43, 100)) {
                InputStream in = body(first);
                byte[] got = new byte[255 - first];
                int at = 0;
                for (int n; (n = in.read(got, at, Math.min(chunk, got.length - at))) > 0; ) {
                    at += n;
                }
                assertEquals(got.length, at);
                assertArrayEquals(expected(first), got, "chunks of " + chunk + " from " + first);
            }
        }
    }

    @Test
    void singleByteReadsAndSkipsKeepThePosition() throws IOException {
        InputStream in = body(0);
        assertEquals(1, in.read(), "the version byte");
        assertEquals(0, in.read(), "byte 1 belongs to another vector");
        assertEquals(41, in.skip(41));
        assertEquals(44, in.read(), "byte 43 is readable");
        byte[] rest = in.readAllBytes();
        assertArrayEquals(Arrays.copyOfRange(expected(0), 44, 255), rest);
    }
}
