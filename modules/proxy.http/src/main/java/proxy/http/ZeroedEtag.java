package proxy.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import proxy.api.policy.ReadableBytes;
import proxy.api.storage.ObjectMeta;

/**
 * The entity tag of what a principal sees of a partly readable object (a deletion-vector file with other
 * partitions' vectors, see {@link MaskedBody}): its ranged answers have every unreadable byte zeroed, so they must
 * not carry the object's own ETag, or a client caching by ETag could mix a zeroed answer with a whole one read by
 * another principal. The tag is a SHA-256 of the upstream ETag and the readable runs: the same on every replica
 * for the same object and windows, different when either changes. It is shaped like a multipart ETag
 * ({@code "<32 hex>-1"}) so that no client takes it for the MD5 of the bytes. It tells the principal nothing it
 * could not compute: its own windows and the upstream ETag, which does not depend on the bytes it may not read.
 */
final class ZeroedEtag {
    private ZeroedEtag() {
    }

    /** The object's metadata as the principal sees it: the same, with the zeroed answers' ETag. */
    static ObjectMeta of(ObjectMeta upstream, ReadableBytes readable) {
        return new ObjectMeta(upstream.key(), upstream.size(), etag(upstream.etag(), readable),
                upstream.lastModified(), upstream.contentType());
    }

    static String etag(String upstream, ReadableBytes readable) {
        var text = new StringBuilder("delta-proxy-zeroed-v1\n").append(upstream).append('\n');
        for (ReadableBytes.Run run : readable.runs()) {
            text.append(run.first()).append('-').append(run.end()).append(',');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "-1\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
