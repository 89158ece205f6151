package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import proxy.api.config.Secret;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code listingTokenKeys}: servers configured with the same keys continue each other's listings (the AWS SDK's own
 * paginator, each page sent to the next server in turn, as a round-robin load balancer would), a token sealed before
 * a key rotation still opens after it, and a server with other keys refuses the token with 400 InvalidArgument.
 */
class SharedListingKeysTest {
    static final Secret OLD = key((byte) 7);
    static final Secret NEW = key((byte) 8);
    static final List<String> VISIBLE = List.of("trades/_delta_log/00000000000000000000.json",
            "trades/date=2024-01-01/part-0.parquet", "trades/date=2024-01-02/part-0.parquet",
            "trades/with space+plus%/é.parquet", "trips/z-visible.parquet");

    private final List<TestServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(TestServer::close);
    }

    static Secret key(byte fill) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, fill);
        return new Secret(Base64.getEncoder().encodeToString(bytes));
    }

    TestServer server(Secret... keys) {
        var server = new TestServer(b -> b.listingTokenKeys(List.of(keys))).withListingTables();
        servers.add(server);
        return server;
    }

    /** A client whose every request goes to the next of {@code targets} in turn; counts requests per target. */
    static S3Client roundRobin(List<TestServer> targets, int[] requests) {
        var next = new AtomicInteger();
        ExecutionInterceptor balancer = new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
                                                    ExecutionAttributes attributes) {
                int i = Math.floorMod(next.getAndIncrement(), targets.size());
                requests[i]++;
                return context.httpRequest().toBuilder().port(targets.get(i).endpoint().getPort()).build();
            }
        };
        return S3Client.builder()
                .endpointOverride(targets.getFirst().endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "s")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(balancer))
                .build();
    }

    static List<String> pageThrough(S3Client s3) {
        var seen = new ArrayList<String>();
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket("datalake").maxKeys(1))) {
            seen.addAll(page.contents().stream().map(S3Object::key).toList());
        }
        return seen;
    }

    @Test
    void replicasWithTheSameKeysContinueEachOthersListings() {
        var both = List.of(server(NEW, OLD), server(NEW, OLD));
        int[] requests = new int[2];
        try (var s3 = roundRobin(both, requests)) {
            assertEquals(VISIBLE, pageThrough(s3));
            var v1 = s3.listObjects(b -> b.bucket("datalake").prefix("trades/").delimiter("/").maxKeys(1));
            assertTrue(v1.isTruncated());
            assertEquals(1, s3.listObjects(b -> b.bucket("datalake").prefix("trades/").delimiter("/").maxKeys(1)
                    .marker(v1.nextMarker())).commonPrefixes().size(), "the other replica continues a V1 listing");
        }
        assertTrue(requests[0] >= 3 && requests[1] >= 3, requests[0] + " and " + requests[1] + " requests");
    }

    @Test
    void aTokenSealedBeforeAKeyRotationOpensAfterIt() {
        var before = server(OLD);
        var after = server(NEW, OLD);
        String token;
        try (var s3 = before.client()) {
            token = s3.listObjectsV2(b -> b.bucket("datalake").maxKeys(2)).nextContinuationToken();
        }
        try (var s3 = after.client()) {
            var rest = new ArrayList<String>();
            String next = token;
            while (next != null) {
                String from = next;
                var page = s3.listObjectsV2(b -> b.bucket("datalake").maxKeys(2).continuationToken(from));
                rest.addAll(page.contents().stream().map(S3Object::key).toList());
                next = page.nextContinuationToken();
            }
            assertEquals(VISIBLE.subList(2, VISIBLE.size()), rest);
        }
    }

    @Test
    void aServerWithOtherKeysRefusesTheTokenWithInvalidArgument() {
        var sealing = server(NEW, OLD);
        var other = server(key((byte) 9));
        String token;
        try (var s3 = sealing.client()) {
            token = s3.listObjectsV2(b -> b.bucket("datalake").maxKeys(1)).nextContinuationToken();
        }
        try (var s3 = other.client()) {
            var e = assertThrows(S3Exception.class,
                    () -> s3.listObjectsV2(b -> b.bucket("datalake").maxKeys(1).continuationToken(token)));
            assertEquals(400, e.statusCode());
            assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
        }
    }
}
