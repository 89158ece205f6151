package proxy.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import proxy.api.Ascii;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.ChunkSignatures;
import proxy.api.auth.HttpRequestView;

/**
 * The body of a PutObject, read in full before anything is written to the backend, so that a body that does not
 * match its {@code Content-Length}, {@code Content-MD5} or signed {@code x-amz-content-sha256} is refused with
 * nothing written (a conditional create cannot be undone). Small bodies (commits) stay in memory; data files are
 * spooled to a temporary file, never held in memory whole. {@code UNSIGNED-PAYLOAD} is accepted (the body is then
 * protected by TLS and {@code Content-MD5} when sent). aws-chunked bodies are decoded as they arrive
 * ({@link AwsChunkedDecoder}, every chunk signature checked), and an additional checksum ({@code x-amz-checksum-*},
 * header or trailer) is compared with the decoded body. The caller closes it (the temporary file is deleted).
 */
final class UploadBody implements AutoCloseable {
    private final long length;
    private final byte[] bytes;
    private final Path spool;
    private final byte[] sha256;

    private UploadBody(long length, byte[] bytes, Path spool, byte[] sha256) {
        this.length = length;
        this.bytes = bytes;
        this.spool = spool;
        this.sha256 = sha256;
    }

    /**
     * The declared length of the (decoded) body, checked before any byte of it is read: {@code Content-Length}, or
     * {@code x-amz-decoded-content-length} for an aws-chunked body.
     *
     * @throws S3Exception MissingContentLength, EntityTooLarge above {@code max}, or {@link PayloadEncoding#of}'s
     */
    static long declaredLength(HttpRequestView view, long max) {
        String header = PayloadEncoding.of(view).chunked() ? "x-amz-decoded-content-length" : "content-length";
        String declared = view.header(header).orElseThrow(() -> new S3Exception(
                S3ErrorCode.MISSING_CONTENT_LENGTH, "You must provide the " + header + " HTTP header.")).strip();
        long length;
        try {
            length = Ascii.isDecimal(declared) ? Long.parseLong(declared) : -1;
        } catch (NumberFormatException e) { // more than 19 digits
            length = Long.MAX_VALUE;
        }
        if (length < 0) {
            throw new S3Exception(S3ErrorCode.MISSING_CONTENT_LENGTH);
        }
        if (length > max) {
            throw new S3Exception(S3ErrorCode.ENTITY_TOO_LARGE, "Your proposed upload exceeds the maximum allowed"
                    + " size of " + max + " bytes.");
        }
        return length;
    }

    /**
     * Reads, decodes and verifies the body.
     *
     * @param chunks   the chain of the body's chunk signatures, present when the request was signed so
     * @param length   the declared (decoded) length
     * @param inMemory keep it in memory (only for bodies bounded small, such as commits)
     * @throws S3Exception IncompleteBody, InvalidDigest, BadDigest, XAmzContentSHA256Mismatch,
     *                     SignatureDoesNotMatch (a chunk or trailer), InvalidRequest (a malformed aws-chunked body),
     *                     NotImplemented (signed chunks without a SigV4 header signature to seed them)
     */
    static UploadBody read(HttpRequestView view, Optional<ChunkSignatures> chunks, InputStream in, long length,
                           boolean inMemory) {
        PayloadEncoding encoding = PayloadEncoding.of(view);
        if (encoding.signedChunks() && chunks.isEmpty()) {
            throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
                    "Signed aws-chunked bodies need a SigV4 Authorization header.");
        }
        byte[] md5 = expectedMd5(view);
        Path spool = null;
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            MessageDigest md5Digest = MessageDigest.getInstance("MD5");
            Optional<ChecksumAlgorithm.Running> checksum = encoding.checksum().map(ChecksumAlgorithm::start);
            ByteArrayOutputStream memory = inMemory ? new ByteArrayOutputStream((int) length) : null;
            spool = inMemory ? null : Files.createTempFile("delta-proxy-upload", ".part");
            Map<String, String> trailers = Map.of();
            try (OutputStream sink = new ChecksumOutputStream(new DigestOutputStream(new DigestOutputStream(
                    inMemory ? memory : Files.newOutputStream(spool), sha256), md5Digest), checksum)) {
                if (encoding.chunked()) {
                    trailers = new AwsChunkedDecoder(in, encoding.signedChunks() ? chunks : Optional.empty(),
                            encoding.trailers(), encoding.signedTrailer(), length).copyTo(sink);
                } else if (in.transferTo(sink) != length) {
                    throw new S3Exception(S3ErrorCode.INCOMPLETE_BODY);
                }
            }
            if (md5 != null && !MessageDigest.isEqual(md5, md5Digest.digest())) {
                throw new S3Exception(S3ErrorCode.BAD_DIGEST);
            }
            String sha = view.header("x-amz-content-sha256").orElse("UNSIGNED-PAYLOAD");
            byte[] digest = sha256.digest();
            if (!encoding.chunked() && !sha.equals("UNSIGNED-PAYLOAD")
                    && !sha.equals(HexFormat.of().formatHex(digest))) {
                throw new S3Exception(S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH);
            }
            verifyChecksum(view, encoding, checksum, trailers);
            var body = new UploadBody(length, inMemory ? memory.toByteArray() : null, spool, digest);
            spool = null;
            return body;
        } catch (IOException e) {
            throw new S3Exception(S3ErrorCode.INCOMPLETE_BODY, S3ErrorCode.INCOMPLETE_BODY.defaultMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 and MD5 are required of every JDK", e);
        } finally {
            delete(spool);
        }
    }

    /** Compares the additional checksum (header or trailer) with the one computed over the decoded body. */
    private static void verifyChecksum(HttpRequestView view, PayloadEncoding encoding,
                                       Optional<ChecksumAlgorithm.Running> computed, Map<String, String> trailers) {
        if (encoding.checksum().isEmpty()) {
            return;
        }
        ChecksumAlgorithm algorithm = encoding.checksum().get();
        String sent = view.header(algorithm.header()).orElseGet(() -> trailers.get(algorithm.header()));
        if (sent == null || !sent.strip().equals(computed.orElseThrow().base64())) {
            throw new S3Exception(S3ErrorCode.BAD_DIGEST, "The " + algorithm + " you specified did not match the"
                    + " calculated checksum.");
        }
    }

    private static byte[] expectedMd5(HttpRequestView view) {
        Optional<String> header = view.header("content-md5");
        if (header.isEmpty()) {
            return null;
        }
        try {
            byte[] md5 = Base64.getDecoder().decode(header.get().strip());
            if (md5.length == 16) {
                return md5;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new S3Exception(S3ErrorCode.INVALID_DIGEST);
    }

    long length() {
        return length;
    }

    /** The SHA-256 of the (decoded) body. */
    byte[] sha256() {
        return sha256.clone();
    }

    /** The bytes of an in-memory body. */
    byte[] bytes() {
        if (bytes == null) {
            throw new IllegalStateException("the body was spooled to a file");
        }
        return bytes;
    }

    /** A new stream over the body; the caller closes it. */
    InputStream open() {
        try {
            return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(spool);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the spooled upload", e);
        }
    }

    @Override
    public void close() {
        delete(spool);
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                System.getLogger(UploadBody.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot delete the spooled upload " + file, e);
            }
        }
    }
}
