package proxy.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server that tests talk to: S3Proxy in-process ({@link S3TestServer}) or MinIO in a
 * container ({@link MinioTestServer}). Closing it stops the server and deletes its data.
 */
public interface S3Backend extends AutoCloseable {

    /** A short name for test display, e.g. {@code s3proxy} or {@code minio}. */
    String name();

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
    URI endpoint();

    /** The access key id the server accepts. */
    String accessKey();

    /** The secret key of {@link #accessKey()}. */
    String secretKey();

    /** The signing region. */
    default String region() {
        return "us-east-1";
    }

    /** A path-style SDK client signed with this server's keys; owned by the backend, closed with it. */
    S3Client client();

    /** Creates a bucket. */
    default void createBucket(String bucket) {
        client().createBucket(b -> b.bucket(bucket));
    }

    /**
     * Uploads every regular file under {@code dir}; the key is {@code prefix} followed by the file's path
     * relative to {@code dir} with {@code /} separators.
     *
     * @return the uploaded keys
     */
    default List<String> uploadDirectory(Path dir, String bucket, String prefix) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("walking " + dir, e);
        }
        var keys = new ArrayList<String>();
        for (Path file : files) {
            String relative = dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            String key = prefix + relative;
            client().putObject(p -> p.bucket(bucket).key(key), RequestBody.fromFile(file));
            keys.add(key);
        }
        return List.copyOf(keys);
    }

    /** Stops the server and releases its data. */
    @Override
    void close();
}
