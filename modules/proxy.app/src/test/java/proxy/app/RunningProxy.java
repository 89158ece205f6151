package proxy.app;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import proxy.api.config.ProxyConfig;
import proxy.app.audit.JsonLinesAuditLog;
import proxy.http.S3Server;
import proxy.testkit.TestS3Clients;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole proxy as {@code serve} wires it (ServiceLoader providers, real stores and index, the configured audit
 * log) on a free port.
 */
final class RunningProxy implements AutoCloseable {
    private final ProviderWiring components;
    private final S3Server server;

    RunningProxy(ProxyConfig config) {
        components = new ProviderWiring(config.toBuilder().bindAddress("127.0.0.1").port(0).build(), Clock.systemUTC());
        server = new S3Server(components.config(), components.tables(), components.authenticator(),
                components.authorizer(), components.context().metrics(), Clock.systemUTC(),
                components.own(JsonLinesAuditLog.open(components.config().audit(), System.out, System.err)));
        server.start();
        components.warmUp(server::serving);
        components.reportGrantColumns();
    }

    URI endpoint() {
        return URI.create(server.scheme() + "://127.0.0.1:" + server.port());
    }

    int metricsPort() {
        return components.metricsPort().orElseThrow();
    }

    /** The Delta version a table's index has reached (-1 before the first load). */
    long indexVersion(String alias) {
        return components.tables().get(alias).index().version();
    }

    /** An SDK client signing as the given user. */
    S3Client client(String accessKey, String secretKey) {
        return TestS3Clients.pathStyle(endpoint(), "us-east-1", accessKey, secretKey);
    }

    /**
     * An SDK client for writes: whole-body SHA-256 payloads instead of aws-chunked bodies (see
     * LargeUploadsEndToEndTest for those)
     * and no flexible checksums.
     */
    S3Client writer(String accessKey, String secretKey) {
        return writerBuilder(accessKey, secretKey).build();
    }

    /** {@link #writer} with no retries: every attempt's answer must reach the client. */
    S3Client writerWithoutRetries(String accessKey, String secretKey) {
        return writerBuilder(accessKey, secretKey).overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    private software.amazon.awssdk.services.s3.S3ClientBuilder writerBuilder(String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(accessKey, secretKey)))
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation
                        .WHEN_REQUIRED)
                .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation
                        .WHEN_REQUIRED)
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .chunkedEncodingEnabled(false).build())
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder());
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(1));
        components.close();
    }
}
