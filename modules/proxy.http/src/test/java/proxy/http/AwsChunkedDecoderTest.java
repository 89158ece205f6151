package proxy.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.ChunkSignatures;

class AwsChunkedDecoderTest {
    private static final byte[] BIG = filled(9000, 'a');
    private static final byte[] SMALL = filled(100, 'b');

    @Test
    void decodesUnsignedChunksAndReturnsTheDeclaredTrailer() throws Exception {
        String body = chunk(BIG, null) + chunk(SMALL, null) + "0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n";
        var out = new ByteArrayOutputStream();
        Map<String, String> trailers = decoder(body, Optional.empty(), List.of("x-amz-checksum-crc32"), false,
                BIG.length + SMALL.length).copyTo(out);
        assertArrayEquals(concat(BIG, SMALL), out.toByteArray());
        assertEquals(Map.of("x-amz-checksum-crc32", "AAAAAA=="), trailers);
    }

    @Test
    void signedChunksAreCheckedOneByOneAndTheTrailerLast() throws Exception {
        String good = chunk(BIG, sig(BIG)) + chunk(SMALL, sig(SMALL)) + chunk(new byte[0], sig(new byte[0]))
                + "x-amz-checksum-crc32:AAAAAA==\r\nx-amz-trailer-signature:"
                + sig("x-amz-checksum-crc32:AAAAAA==\n".getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n";
        var out = new ByteArrayOutputStream();
        decoder(good, Optional.of(new HashChain()), List.of("x-amz-checksum-crc32"), true, 9100).copyTo(out);
        assertEquals(9100, out.size());
        assertEquals(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, code(good.replace(sig(SMALL), sig(BIG)),
                Optional.of(new HashChain()), List.of("x-amz-checksum-crc32"), true, 9100));
        assertEquals(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, code(good.replace("AAAAAA==\r\n", "AAAAAB==\r\n"),
                Optional.of(new HashChain()), List.of("x-amz-checksum-crc32"), true, 9100));
        assertEquals(S3ErrorCode.INVALID_REQUEST, code(chunk(BIG, null) + "0\r\n\r\n",
                Optional.of(new HashChain()), List.of(), false, 9000), "a signed body needs chunk signatures");
    }

    @Test
    void theDecodedLengthMustMatchExactly() {
        String body = chunk(BIG, null) + "0\r\n\r\n";
        assertEquals(S3ErrorCode.INCOMPLETE_BODY, code(body, Optional.empty(), List.of(), false, 9001));
        assertEquals(S3ErrorCode.INVALID_REQUEST, code(body, Optional.empty(), List.of(), false, 8999));
        assertEquals(S3ErrorCode.INCOMPLETE_BODY, code(body.substring(0, 5000), Optional.empty(), List.of(), false,
                9000));
    }

    @Test
    void malformedEncodingsAreRefused() {
        String tail = "0\r\n\r\n";
        assertEquals(S3ErrorCode.INVALID_REQUEST, code(chunk(SMALL, null) + chunk(BIG, null) + tail,
                Optional.empty(), List.of(), false, 9100), "a small chunk before another");
        assertEquals(S3ErrorCode.INVALID_REQUEST, code(chunk(BIG, null) + tail + "x", Optional.empty(), List.of(),
                false, 9000), "data after the end");
        assertEquals(S3ErrorCode.INVALID_REQUEST, code(chunk(BIG, null) + "0\r\nx-amz-meta-a:b\r\n\r\n",
                Optional.empty(), List.of(), false, 9000), "an undeclared trailer");
        assertEquals(S3ErrorCode.INVALID_REQUEST, code(chunk(BIG, null) + tail, Optional.empty(),
                List.of("x-amz-checksum-crc32"), false, 9000), "a declared trailer missing");
        assertEquals(S3ErrorCode.INVALID_REQUEST, code("zz\r\n" + tail, Optional.empty(), List.of(), false, 0),
                "a size that is not hex");
        assertEquals(S3ErrorCode.INVALID_REQUEST, code("1".repeat(5000) + "\r\n", Optional.empty(), List.of(),
                false, 0), "an endless header line");
    }

    private static S3ErrorCode code(String body, Optional<ChunkSignatures> chain, List<String> trailers,
                                    boolean signedTrailer, long length) {
        return assertThrows(S3Exception.class, () -> decoder(body, chain, trailers, signedTrailer, length)
                .copyTo(new ByteArrayOutputStream())).code();
    }

    private static AwsChunkedDecoder decoder(String body, Optional<ChunkSignatures> chain, List<String> trailers,
                                             boolean signedTrailer, long length) {
        return new AwsChunkedDecoder(new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)), chain,
                trailers, signedTrailer, length);
    }

    private static String chunk(byte[] data, String signature) {
        return Integer.toHexString(data.length) + (signature == null ? "" : ";chunk-signature=" + signature)
                + "\r\n" + new String(data, StandardCharsets.ISO_8859_1) + (data.length == 0 ? "" : "\r\n");
    }

    /** A stand-in for the SigV4 chain: a chunk's "signature" is the hex SHA-256 of its data. */
    private static final class HashChain implements ChunkSignatures {
        @Override
        public boolean nextChunk(String signature, byte[] chunkSha256) {
            return signature.equals(HexFormat.of().formatHex(chunkSha256));
        }

        @Override
        public boolean trailer(String signature, byte[] trailerSha256) {
            return signature.equals(HexFormat.of().formatHex(trailerSha256));
        }
    }

    private static String sig(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] filled(int n, char c) {
        byte[] bytes = new byte[n];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
