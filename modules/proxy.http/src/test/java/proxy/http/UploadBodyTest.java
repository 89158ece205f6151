package proxy.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.HttpRequestView;

class UploadBodyTest {
    private static final byte[] DATA = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void anAwsChunkedBodyNeedsItsDecodedLength() {
        var view = view(Map.of("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "content-length", "99"));
        assertEquals(S3ErrorCode.MISSING_CONTENT_LENGTH,
                assertThrows(S3Exception.class, () -> UploadBody.declaredLength(view, 1000)).code());
        var withLength = view(Map.of("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "x-amz-decoded-content-length", "9", "content-length", "99"));
        assertEquals(9, UploadBody.declaredLength(withLength, 1000));
        for (String notDigits : new String[] {"+9", "\u0669", "\uFF19", "9 9"}) {
            var odd = view(Map.of("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                    "x-amz-decoded-content-length", notDigits, "content-length", "99"));
            assertEquals(S3ErrorCode.MISSING_CONTENT_LENGTH,
                    assertThrows(S3Exception.class, () -> UploadBody.declaredLength(odd, 1000)).code(), notDigits);
        }
    }

    @Test
    void unsupportedOrUnseededStreamingSchemesAreRefused() {
        var sigV4a = view(Map.of("x-amz-content-sha256", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
                "x-amz-decoded-content-length", "9"));
        assertEquals(S3ErrorCode.NOT_IMPLEMENTED,
                assertThrows(S3Exception.class, () -> UploadBody.declaredLength(sigV4a, 1000)).code());
        var signed = view(Map.of("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "x-amz-decoded-content-length", "9"));
        assertEquals(S3ErrorCode.NOT_IMPLEMENTED, assertThrows(S3Exception.class, () -> UploadBody.read(signed,
                Optional.empty(), new ByteArrayInputStream(new byte[0]), 9, true)).code());
        var notChunked = view(Map.of("content-encoding", "aws-chunked", "content-length", "9"));
        assertEquals(S3ErrorCode.INVALID_REQUEST,
                assertThrows(S3Exception.class, () -> UploadBody.declaredLength(notChunked, 1000)).code());
    }

    @Test
    void aTrailingChecksumIsComparedWithTheDecodedBody() {
        String good = crc32(DATA);
        try (UploadBody body = readChunked(good)) {
            assertArrayEquals(DATA, body.bytes());
        }
        S3Exception e = assertThrows(S3Exception.class, () -> readChunked("AAAAAA=="));
        assertEquals(S3ErrorCode.BAD_DIGEST, e.code());
        assertEquals("The CRC32 you specified did not match the calculated checksum.", e.getMessage());
    }

    @Test
    void aChecksumHeaderIsComparedWithAWholeBody() {
        var view = view(Map.of("content-length", "9", "x-amz-checksum-crc64nvme", "rosUhgp5mIg="));
        try (UploadBody body = UploadBody.read(view, Optional.empty(), new ByteArrayInputStream(DATA), 9, true)) {
            assertArrayEquals(DATA, body.bytes());
        }
        var wrong = view(Map.of("content-length", "9", "x-amz-checksum-sha256", "AAAA"));
        assertEquals(S3ErrorCode.BAD_DIGEST, assertThrows(S3Exception.class, () -> UploadBody.read(wrong,
                Optional.empty(), new ByteArrayInputStream(DATA), 9, true)).code());
        var two = view(Map.of("content-length", "9", "x-amz-checksum-sha256", "AAAA", "x-amz-checksum-crc32", "A"));
        assertEquals(S3ErrorCode.INVALID_REQUEST,
                assertThrows(S3Exception.class, () -> UploadBody.declaredLength(two, 1000)).code());
    }

    private static UploadBody readChunked(String checksum) {
        var view = view(Map.of("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "x-amz-decoded-content-length", "9", "x-amz-trailer", "x-amz-checksum-crc32"));
        String body = "9\r\n123456789\r\n0\r\nx-amz-checksum-crc32:" + checksum + "\r\n\r\n";
        return UploadBody.read(view, Optional.empty(),
                new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)), 9, true);
    }

    private static String crc32(byte[] data) {
        var crc = new CRC32();
        crc.update(data);
        long v = crc.getValue();
        return java.util.Base64.getEncoder().encodeToString(new byte[] {
                (byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    private static HttpRequestView view(Map<String, String> headers) {
        var multi = new java.util.HashMap<String, List<String>>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new HttpRequestView("PUT", "/datalake/t/k", "", multi);
    }
}
