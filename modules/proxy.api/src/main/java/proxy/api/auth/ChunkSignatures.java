package proxy.api.auth;

/**
 * The chain of signatures of an aws-chunked body ({@code x-amz-content-sha256:
 * STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}): each chunk's signature signs the SHA-256 of its data and the
 * signature before it, starting from the request's (seed) signature, and the trailer's signature closes the chain.
 * Stateful and not thread-safe: one instance per request, fed the chunks in order. A signature that does not match
 * leaves the chain where it was; the caller refuses the request.
 */
public interface ChunkSignatures {

    /**
     * Checks the next chunk's signature (the final, empty chunk included) and advances the chain.
     *
     * @param signature   the {@code chunk-signature} the client sent (lower-case hex)
     * @param chunkSha256 the SHA-256 of the chunk's data
     * @return whether it is the expected signature, compared in constant time
     */
    boolean nextChunk(String signature, byte[] chunkSha256);

    /**
     * Checks the trailer's signature, after the final chunk.
     *
     * @param signature     the {@code x-amz-trailer-signature} the client sent (lower-case hex)
     * @param trailerSha256 the SHA-256 of the trailing headers, each as {@code name:value\n}
     * @return whether it is the expected signature, compared in constant time
     */
    boolean trailer(String signature, byte[] trailerSha256);
}
