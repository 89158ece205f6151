package proxy.api.storage;

import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/**
 * An object to write: its bytes, their exact length, and the user metadata to store with it.
 *
 * @param body        read once, to its end, by the store; the caller closes it
 * @param length      the exact number of bytes {@code body} yields
 * @param contentType the media type to store
 * @param metadata    user metadata, names without the {@code x-amz-meta-} prefix, in lower case
 * @param ifAbsent    whether the write must fail with {@code PreconditionFailed} when the key exists (S3
 *                    {@code If-None-Match: *}; an atomic create on a file system); false replaces
 */
public record NewObject(InputStream body, long length, String contentType, Map<String, String> metadata,
                        boolean ifAbsent) {
    public NewObject {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentType, "contentType");
        metadata = Map.copyOf(metadata);
        if (length < 0) {
            throw new IllegalArgumentException("length < 0");
        }
    }
}
