package proxy.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server in this JVM: S3Proxy over its {@code filesystem} blob store in a temporary directory, AWS
 * V2/V4 authentication with fixed keys, bound to 127.0.0.1 on a free port. Starting takes well under a second;
 * closing stops the server and deletes the directory.
 */
public final class S3TestServer implements S3Backend {

    /** The access key id the server accepts. */
    public static final String ACCESS_KEY = "AKIDTESTKIT00000001";
    /** The secret key of {@link #ACCESS_KEY}. */
    public static final String SECRET_KEY = "testkit-secret-key-0000000000000000000001";

    private static final System.Logger LOG = System.getLogger(S3TestServer.class.getName());
    private static final long START_TIMEOUT_MILLIS = 20_000;

    private final Path baseDir;
    private final BlobStore blobStore;
    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client client;

    /** Starts a server; fails when it does not come up. */
    public S3TestServer() {
        try {
            baseDir = Files.createTempDirectory("s3proxy-testkit");
            var props = new Properties();
            props.setProperty("jclouds.filesystem.basedir", baseDir.toString());
            props.setProperty("jclouds.identity", ACCESS_KEY);
            props.setProperty("jclouds.credential", SECRET_KEY);
            blobStore = BlobStores.create("filesystem", props);
            proxy = S3Proxy.builder()
                    .blobStore(blobStore)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .ignoreUnknownHeaders(true)
                    .stopTimeout(0)
                    .build();
            proxy.start();
            awaitStarted();
        } catch (IOException e) {
            throw new UncheckedIOException("starting S3Proxy", e);
        } catch (Exception e) {
            throw new IllegalStateException("starting S3Proxy", e);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        client = TestS3Clients.pathStyle(endpoint, region(), ACCESS_KEY, SECRET_KEY);
        LOG.log(System.Logger.Level.DEBUG, "S3Proxy listening on {0}, data in {1}", endpoint, baseDir);
    }

    private void awaitStarted() throws InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("S3Proxy did not start within " + START_TIMEOUT_MILLIS + " ms");
            }
            Thread.sleep(10);
        }
    }

    @Override
    public String name() {
        return "s3proxy";
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String accessKey() {
        return ACCESS_KEY;
    }

    @Override
    public String secretKey() {
        return SECRET_KEY;
    }

    @Override
    public S3Client client() {
        return client;
    }

    /** The directory holding the buckets (one subdirectory per bucket). */
    public Path baseDir() {
        return baseDir;
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "stopping S3Proxy", e);
        }
        blobStore.close();
        deleteRecursively(baseDir);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "deleting " + dir, e);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
