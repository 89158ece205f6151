package proxy.delta.served;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import proxy.delta.filtered.FilteredCheckpoint;

/**
 * One built filtered object, in a file of the cache's directory (deleted when the cache evicts it).
 *
 * @param file       the bytes
 * @param size       their length
 * @param etag       quoted hex of the first 128 bits of their SHA-256, then {@code -1}: shaped like a multipart
 *                   ETag, as the file store's, because S3 clients (rclone, s3cmd, the AWS CLI) check a plain
 *                   32-hex-digit ETag as the content's MD5
 * @param checkpoint for a checkpoint, the figures {@code _last_checkpoint} needs
 */
record Artifact(Path file, long size, String etag, Optional<FilteredCheckpoint> checkpoint) {
    Artifact {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(checkpoint, "checkpoint");
    }
}
