package proxy.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.HttpRequestView;

/**
 * How an upload's body is sent, read once from its headers: whole ({@code x-amz-content-sha256} a hex hash or
 * {@code UNSIGNED-PAYLOAD}) or aws-chunked ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD} with signed chunks,
 * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER} with a signed trailer too,
 * {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER} with neither), and the one additional checksum the client sent with it,
 * in a header or declared as a trailer ({@code x-amz-trailer}).
 *
 * @param chunked       aws-chunked
 * @param signedChunks  every chunk carries a signature
 * @param signedTrailer the trailer carries a signature
 * @param trailers      the declared trailer names, lower case
 * @param checksum      the additional checksum, if any
 */
record PayloadEncoding(boolean chunked, boolean signedChunks, boolean signedTrailer, List<String> trailers,
                       Optional<ChecksumAlgorithm> checksum) {
    private static final String SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private static final String SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    private static final String UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    PayloadEncoding {
        trailers = List.copyOf(trailers);
    }

    /**
     * The encoding of a request's body.
     *
     * @throws S3Exception NotImplemented for other {@code STREAMING-*} schemes (SigV4a), InvalidRequest for
     *                     {@code Content-Encoding: aws-chunked} without a streaming hash, a trailer that is not a
     *                     checksum, or more than one checksum
     */
    static PayloadEncoding of(HttpRequestView view) {
        String sha = view.header("x-amz-content-sha256").orElse("").strip();
        boolean chunked = sha.startsWith("STREAMING-");
        if (chunked && !List.of(SIGNED, SIGNED_TRAILER, UNSIGNED_TRAILER).contains(sha)) {
            throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "x-amz-content-sha256: " + sha
                    + " is not supported; sign the chunks with AWS4-HMAC-SHA256 or send them unsigned.");
        }
        if (!chunked && view.header("content-encoding").orElse("").toLowerCase(Locale.ROOT).contains("aws-chunked")) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                    "Content-Encoding: aws-chunked needs x-amz-content-sha256: STREAMING-...");
        }
        List<String> trailers = chunked && !sha.equals(SIGNED) ? trailerNames(view) : List.of();
        if (view.header("x-amz-trailer").isPresent() && trailers.isEmpty()) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "x-amz-trailer needs a -TRAILER aws-chunked body.");
        }
        List<ChecksumAlgorithm> checksums = new ArrayList<>();
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            if (view.header(algorithm.header()).isPresent() || trailers.contains(algorithm.header())) {
                checksums.add(algorithm);
            }
        }
        if (checksums.size() > 1) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Expecting a single x-amz-checksum- header.");
        }
        return new PayloadEncoding(chunked, sha.equals(SIGNED) || sha.equals(SIGNED_TRAILER),
                sha.equals(SIGNED_TRAILER), trailers, checksums.stream().findFirst());
    }

    private static List<String> trailerNames(HttpRequestView view) {
        List<String> names = new ArrayList<>();
        for (String name : view.header("x-amz-trailer").orElse("").split(",")) {
            String trimmed = name.strip().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                continue;
            }
            if (ChecksumAlgorithm.ofHeader(trimmed).isEmpty() || names.contains(trimmed)) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "x-amz-trailer may name one x-amz-checksum-*.");
            }
            names.add(trimmed);
        }
        return names;
    }
}
