package proxy.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * The S3 backends tests can run against: S3Proxy always, MinIO only when a Docker engine is available.
 * Parameterize a test with {@link #available()} and start each with {@link Starter#start()}.
 */
public final class S3Backends {

    /** The reason MinIO tests are skipped without Docker. */
    public static final String NO_DOCKER = "no Docker engine";

    private S3Backends() {
    }

    /**
     * A named way to start a backend; its {@code toString()} is the name, for parameterized test display.
     *
     * @param name    {@code s3proxy} or {@code minio}
     * @param factory starts a fresh server, which the caller closes
     */
    public record Starter(String name, Supplier<S3Backend> factory) {
        public Starter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(factory, "factory");
        }

        /** Starts a fresh server, which the caller closes. */
        public S3Backend start() {
            return factory.get();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Whether a Docker engine is reachable (Testcontainers' own check). */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The backends to run on this machine: S3Proxy, then MinIO when Docker is available. */
    public static List<Starter> available() {
        var starters = new ArrayList<Starter>();
        starters.add(new Starter("s3proxy", S3TestServer::new));
        if (dockerAvailable()) {
            starters.add(new Starter("minio", MinioTestServer::new));
        }
        return List.copyOf(starters);
    }

    /** Starts S3Proxy in-process. */
    public static S3TestServer startS3Proxy() {
        return new S3TestServer();
    }

    /** Starts MinIO, or aborts the calling test as skipped with the reason {@value #NO_DOCKER}. */
    public static MinioTestServer startMinio() {
        Assumptions.assumeTrue(dockerAvailable(), NO_DOCKER);
        return new MinioTestServer();
    }
}
