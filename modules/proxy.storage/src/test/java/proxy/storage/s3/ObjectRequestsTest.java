package proxy.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import proxy.api.config.S3BackendConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Where object requests go and how presigned URLs look, for the backend layouts the SDK resolves (path style,
 * virtual-hosted style, AWS itself): no network, the URLs are only built and signed. That a signed request or a
 * presigned URL is accepted by a real S3 server is {@link S3StoreTest}'s part.
 */
class ObjectRequestsTest {

    private static final AwsCredentialsProvider KEYS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDOBJECTREQUESTS01", "secret"));

    private static URI presigned(S3BackendConfig config, AwsCredentialsProvider credentials, String key) {
        try (var http = BackendClients.http(config); var client = BackendClients.client(config, credentials, http);
             var requests = ObjectRequests.of(client, "lake", url -> ObjectTransport.sdk(http, url),
                     new BackendSigner(credentials, config.region()))) {
            return requests.presignedGet(key, Duration.ofMinutes(5));
        }
    }

    @Test
    void pathStyleEndpointPutsTheBucketInThePath() {
        URI url = presigned(new S3BackendConfig(Optional.of(URI.create("http://127.0.0.1:9000")), "eu-west-1", true),
                KEYS, "tables/t/MIC=XLON/part-0.parquet");
        assertEquals("http", url.getScheme());
        assertEquals("127.0.0.1", url.getHost());
        assertEquals(9000, url.getPort());
        assertEquals("/lake/tables/t/MIC%3DXLON/part-0.parquet", url.getRawPath());
        assertTrue(url.getRawQuery().contains("X-Amz-Credential=AKIDOBJECTREQUESTS01%2F"), url.toString());
        assertTrue(url.getRawQuery().contains("%2Feu-west-1%2Fs3%2Faws4_request"), url.toString());
        assertTrue(url.getRawQuery().contains("X-Amz-Expires=300"), url.toString());
        assertTrue(url.getRawQuery().matches(".*X-Amz-Signature=[0-9a-f]{64}.*"), url.toString());
    }

    @Test
    void virtualHostedStyleEndpointPutsTheBucketInTheHost() {
        URI url = presigned(new S3BackendConfig(Optional.of(URI.create("https://s3.example.net")), "us-east-1", false),
                KEYS, "a/b.parquet");
        assertEquals("lake.s3.example.net", url.getHost());
        assertEquals("/a/b.parquet", url.getRawPath());
    }

    @Test
    void awsItselfWhenNoEndpointIsConfigured() {
        URI url = presigned(new S3BackendConfig(Optional.empty(), "eu-central-1", false), KEYS, "k");
        assertEquals("https", url.getScheme());
        assertEquals("lake.s3.eu-central-1.amazonaws.com", url.getHost());
    }

    @Test
    void keysAreEncodedOnceWithTheirSlashesKept() {
        URI url = presigned(new S3BackendConfig(Optional.of(URI.create("http://127.0.0.1:9000")), "us-east-1", true),
                KEYS, "t/city=Zürich/a b+c%d/東京.parquet");
        assertEquals("/lake/t/city%3DZ%C3%BCrich/a%20b%2Bc%25d/%E6%9D%B1%E4%BA%AC.parquet", url.getRawPath());
    }

    @Test
    void temporaryCredentialsCarryTheirSessionToken() {
        var session = StaticCredentialsProvider.create(
                AwsSessionCredentials.create("ASIAOBJECTREQUESTS01", "secret", "the-session-token"));
        URI url = presigned(S3BackendConfig.DEFAULT, session, "k");
        assertTrue(url.getRawQuery().contains("X-Amz-Security-Token=the-session-token"), url.toString());
        URI plain = presigned(S3BackendConfig.DEFAULT, KEYS, "k");
        assertFalse(plain.getRawQuery().contains("X-Amz-Security-Token"), plain.toString());
    }
}
