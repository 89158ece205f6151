package proxy.api.storage;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
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

    /**
     * Starts a multipart upload of {@code key}; the object, once completed, gets {@code contentType} and
     * {@code metadata}. The default refuses: a store without multipart uploads never starts one.
     *
     * @return the backend's upload id
     */
    default String createMultipart(String key, String contentType, Map<String, String> metadata) {
        throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "This store has no multipart uploads.");
    }

    /**
     * Stores one part (replacing an earlier part of the same number).
     *
     * @param body read once, to its end, by the store; the caller closes it
     * @return the part's entity tag, quoted
     * @throws S3Exception {@code NoSuchUpload} when the upload does not exist (any more)
     */
    default String uploadPart(String key, String uploadId, int partNumber, InputStream body, long length) {
        throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "This store has no multipart uploads.");
    }

    /**
     * The parts uploaded so far, by ascending number.
     *
     * @throws S3Exception {@code NoSuchUpload}
     */
    default List<UploadedPart> listParts(String key, String uploadId) {
        throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "This store has no multipart uploads.");
    }

    /**
     * Assembles the given parts, in order, into the object; only when the key is absent (atomically on a file
     * system; on S3 {@code If-None-Match: *} after a HEAD check, for backends that ignore the header). The upload
     * ends. A replay of a completion that already assembled this upload into the key from the same parts (a client
     * or SDK retry whose first answer was lost) returns the object's metadata, as S3 does, instead of
     * {@code PreconditionFailed}.
     *
     * @throws S3Exception {@code PreconditionFailed} when the key exists, {@code NoSuchUpload}, {@code InvalidPart}
     */
    default ObjectMeta completeMultipart(String key, String uploadId, List<UploadedPart> parts) {
        throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "This store has no multipart uploads.");
    }

    /**
     * The object an earlier completion of this upload assembled at {@code key} from exactly these parts (numbers
     * and entity tags; sizes are ignored), once the upload itself is gone: what a replayed completion answers.
     * The default knows of none.
     *
     * @return empty when the key holds no object, another object, or one this store cannot tie to the upload
     */
    default Optional<ObjectMeta> completedMultipart(String key, String uploadId, List<UploadedPart> parts) {
        return Optional.empty();
    }

    /**
     * Aborts an upload and deletes its parts.
     *
     * @throws S3Exception {@code NoSuchUpload}
     */
    default void abortMultipart(String key, String uploadId) {
        throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "This store has no multipart uploads.");
    }

    /** Releases backend clients. */
    @Override
    void close();
}
