package proxy.storage.s3;

import java.time.Duration;
import proxy.api.config.S3BackendConfig;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the HTTP client and the SDK client for one backend configuration (object reads have their own client
 * unless a forward proxy is in use: {@link ObjectTransport}). Both run on the URL-connection HTTP client (no
 * Apache or Netty): connect timeout 10 s, read timeout {@code s3.readTimeoutSeconds} (60 s by default). Response checksums are validated
 * only when required, so an object body is handed on as it streams in.
 */
final class BackendClients {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private BackendClients() {
    }

    /** The HTTP client of one store, shared by its SDK client and its object requests; the store closes it. */
    static SdkHttpClient http(S3BackendConfig config) {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(Duration.ofSeconds(config.readTimeoutSeconds()))
                .build();
    }

    static S3Client client(S3BackendConfig config, AwsCredentialsProvider credentials, SdkHttpClient http) {
        var builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(http);
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
