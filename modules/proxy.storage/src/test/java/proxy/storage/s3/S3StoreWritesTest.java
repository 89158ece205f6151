package proxy.storage.s3;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import proxy.api.ProviderContext;
import proxy.api.config.ProxyConfig;
import proxy.api.config.S3BackendConfig;
import proxy.api.metrics.ProxyMetrics;
import proxy.api.storage.ObjectStore;
import proxy.api.storage.StoreContext;
import proxy.storage.StoreWritesContract;
import proxy.testkit.S3Backend;
import proxy.testkit.S3Backends;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Writes of the s3 store against S3Proxy: {@code If-None-Match: *} creates, user metadata, deletes. */
class S3StoreWritesTest extends StoreWritesContract {
    private static final URI ROOT = URI.create("s3://lake/tables/w");

    private S3Backend backend;
    private ObjectStore store;

    @BeforeAll
    void open() {
        backend = S3Backends.startS3Proxy();
        backend.createBucket("lake");
        var provider = new S3StoreProvider(() -> StaticCredentialsProvider.create(
                AwsBasicCredentials.create(backend.accessKey(), backend.secretKey())));
        ProxyConfig config = ProxyConfig.defaults(Map.of("w", ROOT)).toBuilder()
                .s3(new S3BackendConfig(Optional.of(backend.endpoint()), backend.region(), true)).build();
        store = provider.create(new StoreContext("w", ROOT, new ProviderContext(config, Clock.systemUTC(), ProxyMetrics.NOOP)));
    }

    @AfterAll
    void close() {
        if (store != null) {
            store.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Override
    protected ObjectStore store() {
        return store;
    }
}
