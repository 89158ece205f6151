package proxy.testkit;

import java.net.URI;
import org.testcontainers.containers.MinIOContainer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A MinIO server in a Docker container (Testcontainers). Only usable with a Docker engine; obtain it through
 * {@link S3Backends#startMinio()}, which skips the calling test when there is none.
 */
public final class MinioTestServer implements S3Backend {

    /** The MinIO image, pinned. */
    public static final String IMAGE = "minio/minio:RELEASE.2023-09-04T19-57-37Z";
    private static final String USER = "testkit-minio";
    private static final String PASSWORD = "testkit-minio-secret-0001";

    private final MinIOContainer container;
    private final URI endpoint;
    private final S3Client client;

    /** Starts the container; requires a Docker engine. */
    public MinioTestServer() {
        container = new MinIOContainer(IMAGE).withUserName(USER).withPassword(PASSWORD);
        container.start();
        endpoint = URI.create(container.getS3URL());
        client = TestS3Clients.pathStyle(endpoint, region(), USER, PASSWORD);
    }

    @Override
    public String name() {
        return "minio";
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String accessKey() {
        return USER;
    }

    @Override
    public String secretKey() {
        return PASSWORD;
    }

    @Override
    public S3Client client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        container.stop();
    }

    @Override
    public String toString() {
        return name();
    }
}
