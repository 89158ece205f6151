package proxy.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import proxy.api.Ascii;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.ChunkSignatures;

/**
 * Decodes an aws-chunked body ({@code <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n ... 0...\r\n[trailers]\r\n})
 * into a sink as it arrives, one buffer at a time, never the whole body in memory. With signed chunks every chunk's
 * signature (the final one included) and, with a signed trailer, the trailer's signature are checked against the
 * chain; the first mismatch is {@code 403 SignatureDoesNotMatch}. The decoded length must equal
 * {@code x-amz-decoded-content-length}, every chunk but the last data chunk must be at least 8 KiB (S3's rule, which
 * also bounds the signatures a body costs), the trailers must be exactly the declared ones, and nothing may follow
 * the body. The caller verifies the trailers' checksums against the decoded data.
 */
final class AwsChunkedDecoder {
    private static final int MIN_CHUNK = 8 * 1024;
    private static final int MAX_LINE = 4096;
    private static final int MAX_TRAILERS = 8;
    private static final String SIGNATURE = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private final InputStream in;
    private final Optional<ChunkSignatures> chain;
    private final List<String> trailerNames;
    private final boolean signedTrailer;
    private final long decodedLength;

    /**
     * @param chain         the chunk signatures to check; empty for unsigned chunks
     * @param trailerNames  the declared trailers ({@code x-amz-trailer}), lower case; empty for none
     * @param signedTrailer whether the trailer carries {@code x-amz-trailer-signature}
     */
    AwsChunkedDecoder(InputStream in, Optional<ChunkSignatures> chain, List<String> trailerNames,
                      boolean signedTrailer, long decodedLength) {
        this.in = new BufferedInputStream(Objects.requireNonNull(in, "in"));
        this.chain = Objects.requireNonNull(chain, "chain");
        this.trailerNames = List.copyOf(trailerNames);
        this.signedTrailer = signedTrailer;
        this.decodedLength = decodedLength;
    }

    /**
     * Copies the decoded data to {@code out}.
     *
     * @return the trailers, names in lower case
     * @throws S3Exception SignatureDoesNotMatch, IncompleteBody, InvalidRequest (malformed encoding)
     * @throws IOException when reading or writing fails
     */
    Map<String, String> copyTo(OutputStream out) throws IOException {
        long remaining = decodedLength;
        long previous = Long.MAX_VALUE;
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            String header = line();
            long size = chunkSize(header);
            if (size > remaining) {
                throw malformed("the chunks hold more than x-amz-decoded-content-length");
            }
            if (size > 0 && previous < MIN_CHUNK) {
                throw malformed("every chunk but the last must be at least 8192 bytes");
            }
            MessageDigest sha256 = sha256();
            for (long left = size; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new S3Exception(S3ErrorCode.INCOMPLETE_BODY);
                }
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
                left -= n;
            }
            checkChunkSignature(header, sha256.digest());
            remaining -= size;
            previous = size;
            if (size == 0) {
                break;
            }
            expectEmptyLine();
        }
        if (remaining != 0) {
            throw new S3Exception(S3ErrorCode.INCOMPLETE_BODY);
        }
        Map<String, String> trailers = trailers();
        if (in.read() != -1) {
            throw malformed("data follows the end of the aws-chunked body");
        }
        return trailers;
    }

    private long chunkSize(String header) {
        int semicolon = header.indexOf(';');
        String hex = semicolon < 0 ? header : header.substring(0, semicolon);
        if (hex.isEmpty() || hex.length() > 15 || !Ascii.isHex(hex)) {
            throw malformed("a chunk size is not hexadecimal");
        }
        boolean signed = chain.isPresent();
        if (signed != (semicolon >= 0) || semicolon >= 0 && !header.startsWith(SIGNATURE, semicolon + 1)) {
            throw malformed(signed ? "a chunk has no chunk-signature" : "unexpected chunk extension");
        }
        return Long.parseLong(hex, 16);
    }

    private void checkChunkSignature(String header, byte[] sha256) {
        if (chain.isPresent()) {
            String signature = header.substring(header.indexOf(';') + 1 + SIGNATURE.length());
            if (!chain.get().nextChunk(signature, sha256)) {
                throw new S3Exception(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
            }
        }
    }

    /** The trailing headers up to the closing empty line, checked against the declaration and signature. */
    private Map<String, String> trailers() throws IOException {
        Map<String, String> trailers = new LinkedHashMap<>();
        var canonical = new StringBuilder();
        String signature = null;
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            if (colon <= 0 || trailers.size() >= MAX_TRAILERS) {
                throw malformed("a trailer is malformed");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals(TRAILER_SIGNATURE) && signedTrailer && signature == null) {
                signature = value;
            } else if (trailerNames.contains(name) && signature == null && trailers.putIfAbsent(name, value) == null) {
                canonical.append(name).append(':').append(value).append('\n');
            } else {
                throw malformed("trailer " + name + " was not declared in x-amz-trailer");
            }
        }
        if (!trailers.keySet().equals(new java.util.HashSet<>(trailerNames))) {
            throw malformed("a trailer declared in x-amz-trailer is missing");
        }
        if (signedTrailer) {
            if (signature == null || !chain.orElseThrow().trailer(signature,
                    sha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8)))) {
                throw new S3Exception(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
            }
        }
        return trailers;
    }

    private void expectEmptyLine() throws IOException {
        if (!line().isEmpty()) {
            throw malformed("a chunk is longer than its size");
        }
    }

    /** One CRLF-terminated line, without its CRLF. */
    private String line() throws IOException {
        var bytes = new ByteArrayOutputStream();
        while (bytes.size() <= MAX_LINE) {
            int b = in.read();
            if (b < 0) {
                throw new S3Exception(S3ErrorCode.INCOMPLETE_BODY);
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw malformed("a line does not end with CRLF");
                }
                return bytes.toString(StandardCharsets.US_ASCII);
            }
            bytes.write(b);
        }
        throw malformed("a chunk header or trailer is too long");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static S3Exception malformed(String why) {
        return new S3Exception(S3ErrorCode.INVALID_REQUEST, "Malformed aws-chunked body: " + why + ".");
    }
}
