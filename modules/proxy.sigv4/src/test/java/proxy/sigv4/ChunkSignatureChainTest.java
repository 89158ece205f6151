package proxy.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChunkSignatureChainTest {
    private static final String SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";

    /** The example of the S3 documentation "Signature calculations for the Authorization header: transferring
     * payload in multiple chunks": 65 KiB of 'a' in a 64 KiB chunk, a 1 KiB chunk and the final empty chunk. */
    @Test
    void verifiesTheDocumentedChunkSignatures() throws Exception {
        ChunkSignatureChain chain = documentedChain();
        assertTrue(chain.nextChunk("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
                sha256(repeat('a', 65536))));
        assertTrue(chain.nextChunk("0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
                sha256(repeat('a', 1024))));
        assertTrue(chain.nextChunk("b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
                sha256(new byte[0])));
    }

    @Test
    void aTamperedOrReorderedChunkDoesNotVerify() throws Exception {
        byte[] tampered = repeat('a', 65536);
        tampered[100] = 'b';
        ChunkSignatureChain chain = documentedChain();
        assertFalse(chain.nextChunk("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
                sha256(tampered)));
        assertFalse(chain.nextChunk("0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
                sha256(repeat('a', 1024))), "the second chunk's signature is not valid first");
        assertTrue(chain.nextChunk("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
                sha256(repeat('a', 65536))), "a failed check leaves the chain where it was");
    }

    @Test
    void theTrailerSignatureClosesTheChainTheSignerProduced() throws Exception {
        ChunkSignatureChain signer = documentedChain();
        ChunkSignatureChain verifier = documentedChain();
        String first = signer.signChunk(sha256(repeat('a', 10)));
        String last = signer.signChunk(sha256(new byte[0]));
        byte[] trailer = sha256("x-amz-checksum-crc32:AAAAAA==\n".getBytes());
        String trailerSignature = signer.signTrailer(trailer);
        assertTrue(verifier.nextChunk(first, sha256(repeat('a', 10))));
        assertTrue(verifier.nextChunk(last, sha256(new byte[0])));
        assertFalse(verifier.trailer(trailerSignature, sha256("x-amz-checksum-crc32:AAAAAB==\n".getBytes())));
        assertTrue(verifier.trailer(trailerSignature, trailer));
        assertEquals(64, trailerSignature.length());
    }

    private static ChunkSignatureChain documentedChain() {
        SigningKey key = new SigningKeyCache(1, hit -> { }).signingKey("AKIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20130524", "us-east-1", "s3");
        return new ChunkSignatureChain(key, "20130524T000000Z", "20130524/us-east-1/s3/aws4_request", SEED);
    }

    private static byte[] repeat(char c, int n) {
        byte[] bytes = new byte[n];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
