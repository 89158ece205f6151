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

    /**
     * The SDK may retry a create whose first attempt was written (a timeout): the retry's 412 is then its own
     * object, not a lost race. Replaying a create with the same token acts as that retry.
     */
    @org.junit.jupiter.api.Test
    void aRetriedCreateThatMeetsItsOwnObjectSucceedsAndAnotherCreateStillLoses() {
        var client = software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(backend.endpoint()).region(software.amazon.awssdk.regions.Region.of(backend.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(backend.accessKey(), backend.secretKey())))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .build();
        try (client) {
            var writes = new S3Writes(client, S3Location.parse("w", ROOT), (operation, start, failure) -> { });
            String key = "_delta_log/00000000000000000007.json";
            writes.put(key, commit(), "token-1");
            writes.put(key, commit(), "token-1");
            var lost = org.junit.jupiter.api.Assertions.assertThrows(proxy.api.S3Exception.class,
                    () -> writes.put(key, commit(), "token-2"));
            org.junit.jupiter.api.Assertions.assertEquals(proxy.api.S3ErrorCode.PRECONDITION_FAILED, lost.code());
            org.junit.jupiter.api.Assertions.assertEquals(Map.of(), writes.metadata(key), "the token is not metadata");
        }
    }

    private static proxy.api.storage.NewObject commit() {
        byte[] body = "{\"commitInfo\":{}}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new proxy.api.storage.NewObject(() -> new java.io.ByteArrayInputStream(body), body.length,
                "application/json", Map.of(), true);
    }
}
