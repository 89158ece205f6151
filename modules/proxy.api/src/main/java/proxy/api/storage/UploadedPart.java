package proxy.api.storage;

import java.util.Objects;

/**
 * One uploaded part of a multipart upload.
 *
 * @param number the part number, 1 to 10,000
 * @param etag   the part's entity tag, quoted
 * @param size   the part's size in bytes
 */
public record UploadedPart(int number, String etag, long size) {
    public UploadedPart {
        Objects.requireNonNull(etag, "etag");
        if (number < 1 || number > 10_000 || size < 0) {
            throw new IllegalArgumentException("part " + number + " of " + size + " bytes");
        }
    }
}
