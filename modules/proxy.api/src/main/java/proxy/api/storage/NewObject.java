package proxy.api.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An object to write: its bytes, their exact length, and the user metadata to store with it.
 *
 * @param source      opens the bytes; a store whose client retries a write reads them again from a new stream, so
 *                    a source that can open only once makes such a retry fail
 * @param length      the exact number of bytes the source yields
 * @param contentType the media type to store
 * @param metadata    user metadata, names without the {@code x-amz-meta-} prefix, in lower case
 * @param ifAbsent    whether the write must fail with {@code PreconditionFailed} when the key exists (S3
 *                    {@code If-None-Match: *}; an atomic create on a file system); false replaces
 */
public record NewObject(Source source, long length, String contentType, Map<String, String> metadata,
                        boolean ifAbsent) {
    public NewObject {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(contentType, "contentType");
        metadata = Map.copyOf(metadata);
        if (length < 0) {
            throw new IllegalArgumentException("length < 0");
        }
    }

    /**
     * An object whose bytes can be read once only ({@code body} is read to its end by the store; the caller
     * closes it): a store client's retry of the write fails rather than sending other bytes.
     */
    public NewObject(InputStream body, long length, String contentType, Map<String, String> metadata,
                     boolean ifAbsent) {
        this(once(body), length, contentType, metadata, ifAbsent);
    }

    /** A new stream over all the bytes, from the first; the caller closes it. */
    public InputStream open() throws IOException {
        return source.open();
    }

    /** The bytes of an object to write. */
    @FunctionalInterface
    public interface Source {
        /**
         * Opens a new stream over all the bytes, from the first; the caller closes it.
         *
         * @throws IOException when the bytes cannot be read (again)
         */
        InputStream open() throws IOException;
    }

    private static Source once(InputStream body) {
        Objects.requireNonNull(body, "body");
        var opened = new AtomicBoolean();
        return () -> {
            if (opened.getAndSet(true)) {
                throw new IOException("the body of this write can be read once only");
            }
            return body;
        };
    }
}
