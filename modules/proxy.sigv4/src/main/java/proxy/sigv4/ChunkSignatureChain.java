package proxy.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import proxy.api.auth.ChunkSignatures;

/**
 * The signature chain of an aws-chunked body, as AWS defines it: chunk {@code i} is signed over
 * {@code AWS4-HMAC-SHA256-PAYLOAD}, the request time and scope, the previous signature (the request's own for the
 * first chunk), the hash of the empty string and the hash of the chunk's data; the trailer over
 * {@code AWS4-HMAC-SHA256-TRAILER}, time, scope, the last chunk's signature and the hash of the trailing headers.
 * One instance per body, used in order; {@link #signChunk} and {@link #signTrailer} produce the signatures (a client),
 * {@link #nextChunk} and {@link #trailer} check them (the verifier). Not thread-safe.
 */
public final class ChunkSignatureChain implements ChunkSignatures {
    private static final String EMPTY_SHA256 = SigV4.sha256Hex("");

    private final SigningKey key;
    private final String timestamp;
    private final String scope;
    private String previous;

    /**
     * @param key           the request's signing key
     * @param timestamp     the request's signing time, ISO 8601 basic
     * @param scope         the request's credential scope line
     * @param seedSignature the request's signature (hex)
     */
    public ChunkSignatureChain(SigningKey key, String timestamp, String scope, String seedSignature) {
        this.key = Objects.requireNonNull(key, "key");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.previous = Objects.requireNonNull(seedSignature, "seedSignature");
    }

    /** The signature of the next chunk, whose data hashes to {@code chunkSha256}; advances the chain. */
    public String signChunk(byte[] chunkSha256) {
        previous = key.signatureHex("AWS4-HMAC-SHA256-PAYLOAD\n" + timestamp + '\n' + scope + '\n' + previous + '\n'
                + EMPTY_SHA256 + '\n' + HexFormat.of().formatHex(chunkSha256));
        return previous;
    }

    /** The signature of the trailing headers, which hash to {@code trailerSha256}; advances the chain. */
    public String signTrailer(byte[] trailerSha256) {
        previous = key.signatureHex("AWS4-HMAC-SHA256-TRAILER\n" + timestamp + '\n' + scope + '\n' + previous + '\n'
                + HexFormat.of().formatHex(trailerSha256));
        return previous;
    }

    @Override
    public boolean nextChunk(String signature, byte[] chunkSha256) {
        String before = previous;
        boolean match = same(signChunk(chunkSha256), signature);
        if (!match) {
            previous = before;
        }
        return match;
    }

    @Override
    public boolean trailer(String signature, byte[] trailerSha256) {
        String before = previous;
        boolean match = same(signTrailer(trailerSha256), signature);
        if (!match) {
            previous = before;
        }
        return match;
    }

    private static boolean same(String expected, String sent) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                Objects.requireNonNull(sent, "signature").getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ChunkSignatureChain[" + scope + "]";
    }
}
