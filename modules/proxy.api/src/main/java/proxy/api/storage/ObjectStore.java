package proxy.api.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/**
 * One table's backend storage, rooted at the table's URI. Keys are relative to that root and have already been
 * validated (no dot or empty segments, no backslash or NUL); an implementation never resolves a key outside its
 * root. Implementations are thread-safe. Every failure is an {@link S3Exception}: {@code NoSuchKey} for a
 * missing object, {@code ServiceUnavailable}/{@code SlowDown} for a throttled or unreachable backend,
 * {@code InternalError} (with the backend failure as cause, for the log) otherwise.
 */
public interface ObjectStore extends AutoCloseable {

    /** The table root this store serves. */
    URI root();

    /**
     * The metadata of one object.
     *
     * @throws S3Exception {@code NoSuchKey} when it does not exist
     */
    ObjectMeta head(String key);

    /**
     * Opens an object (or a range of it) for reading, checking the conditions first. The caller closes the
     * returned content.
     *
     * @param range      empty for the whole object
     * @param conditions checked against the object before any byte is read
     * @throws S3Exception {@code NoSuchKey}, {@code InvalidRange}, {@code PreconditionFailed}, {@code NotModified}
     */
    ObjectContent get(String key, Optional<ByteRange> range, Conditions conditions);

    /** One page of keys under the query's prefix. */
    ListPage list(ListQuery query);

    /**
     * A URL that lets anyone holding it GET the object (the range is sent by the client as a header) until the
     * lifetime ends.
     *
     * @return empty when this store cannot presign (the object is then streamed)
     */
    Optional<URI> presignGet(String key, Duration lifetime);

    /**
     * Writes an object, only when it is absent if {@link NewObject#ifAbsent()} says so (atomically: of two
     * concurrent creates of one key exactly one succeeds). The default refuses: a store that cannot write
     * conditionally never writes.
     *
     * @return the written object's metadata
     * @throws S3Exception {@code PreconditionFailed} when the key exists and the write was conditional
     */
    default ObjectMeta put(String key, NewObject object) {
        throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "This store cannot write.");
    }

    /**
     * The user metadata of an object (names without {@code x-amz-meta-}, in lower case).
     *
     * @throws S3Exception {@code NoSuchKey} when it does not exist
     */
    default Map<String, String> metadata(String key) {
        throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "This store keeps no object metadata.");
    }

    /** Deletes an object; deleting an absent key succeeds, as on S3. */
    default void delete(String key) {
        throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "This store cannot delete.");
    }

    /** Releases backend clients. */
    @Override
    void close();
}
