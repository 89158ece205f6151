package proxy.storage.s3;

import java.time.Duration;
import proxy.api.config.S3BackendConfig;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds the SDK client and presigner for one backend configuration. The client runs on the URL-connection
 * HTTP client (no Apache or Netty): connect timeout 10 s, read timeout {@code s3.readTimeoutSeconds} (60 s by default). Response checksums are validated
 * only when required, so an object body is handed on as it streams in.
 */
final class BackendClients {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private BackendClients() {
    }

    static S3Client client(S3BackendConfig config, AwsCredentialsProvider credentials) {
        var builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(Duration.ofSeconds(config.readTimeoutSeconds())));
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    static S3Presigner presigner(S3BackendConfig config, AwsCredentialsProvider credentials) {
        var builder = S3Presigner.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build());
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
