package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.config.AuditConfig;
import proxy.api.config.GetMode;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.testkit.ProjectPaths;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The audit log as {@code serve} writes it: {@code audit.destination = file:...}, SDK and presigned requests
 * through the wired proxy, the file parsed line by line with Jackson.
 */
class AuditLogEndToEndTest {
    private static final String KEY = "AKIAAUDIT0000000001";
    private static final String SECRET = "audit-secret/with+odd=chars";

    @TempDir
    Path dir;

    private final ObjectMapper mapper = new ObjectMapper();

    private ProxyConfig config(Path auditFile) {
        Path tables = ProjectPaths.fixtureTables();
        return ProxyConfig.defaults(Map.of("trades", tables.resolve("trades").toUri())).toBuilder()
                .metricsPort(OptionalInt.empty())
                .getMode(GetMode.PROXY)
                .users(List.of(new UserConfig("carol", KEY, new Secret(SECRET),
                        Map.of("trades", List.of(new PartitionSpec(Map.of("MIC", "XLON")))))))
                .audit(new AuditConfig("file:" + auditFile))
                .build();
    }

    private static String dataFile(String partition) throws IOException {
        Path root = ProjectPaths.fixtureTables().resolve("trades");
        try (Stream<Path> walk = Files.walk(root.resolve(partition))) {
            return "trades/" + root.relativize(walk.filter(p -> p.toString().endsWith(".parquet")).sorted()
                    .findFirst().orElseThrow()).toString().replace('\\', '/');
        }
    }

    @Test
    void oneLinePerRequestWithDecisionsAndNoSecrets() throws Exception {
        Path auditFile = dir.resolve("audit.log");
        String allowed = dataFile("MIC=XLON");
        String forbidden = dataFile("MIC=XPAR");
        int requests;
        try (var proxy = new RunningProxy(config(auditFile));
             S3Client carol = proxy.client(KEY, SECRET);
             S3Client mallory = proxy.client(KEY, "wrong-secret")) {
            carol.listObjectsV2(b -> b.bucket("datalake").prefix("trades/MIC=XLON/"));
            carol.getObjectAsBytes(b -> b.bucket("datalake").key(allowed));
            assertEquals(403, assertThrows(S3Exception.class,
                    () -> carol.getObjectAsBytes(b -> b.bucket("datalake").key(forbidden))).statusCode());
            assertEquals("SignatureDoesNotMatch", assertThrows(S3Exception.class,
                    () -> mallory.listObjectsV2(b -> b.bucket("datalake"))).awsErrorDetails().errorCode());
            URI presigned = presign(proxy.endpoint(), allowed);
            assertTrue(presigned.getRawQuery().contains("X-Amz-Signature="), presigned.toString());
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(presigned).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode());
            requests = 5;
            awaitLines(auditFile, requests);
        }
        String text = Files.readString(auditFile);
        for (String secret : List.of(SECRET, "wrong-secret", KEY, "X-Amz-Signature", "X-Amz-Credential",
                "Signature=", "AWS4-HMAC-SHA256", "Authorization")) {
            assertFalse(text.contains(secret), secret + " in the audit log:\n" + text);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(auditFile)) {
            lines.add(mapper.readTree(line));
        }
        assertEquals(requests, lines.size(), text);

        JsonNode listing = lines.get(0);
        assertEquals("ListObjectsV2", listing.get("operation").asText());
        assertEquals("carol", listing.get("principal").asText());
        assertEquals("trades", listing.get("table").asText());
        assertEquals("trades/MIC=XLON/", listing.get("key").asText());
        assertEquals("allow", listing.get("decision").asText());

        JsonNode get = lines.get(1);
        assertEquals("GetObject", get.get("operation").asText());
        assertEquals(allowed, get.get("key").asText());
        assertEquals("allow", get.get("decision").asText());
        assertTrue(get.get("reason").asText().contains("carol"), get.toString());
        assertEquals(200, get.get("status").asInt());
        assertEquals(Files.size(ProjectPaths.fixtureTables().resolve(allowed)), get.get("bytesSent").asLong());
        assertEquals("proxy", get.get("mode").asText());
        assertEquals(16, get.get("requestId").asText().length());

        JsonNode denied = lines.get(2);
        assertEquals(forbidden, denied.get("key").asText());
        assertEquals("deny", denied.get("decision").asText());
        assertFalse(denied.get("reason").isNull());
        assertEquals(403, denied.get("status").asInt());
        assertEquals("AccessDenied", denied.get("errorCode").asText());

        JsonNode unauthenticated = lines.get(3);
        assertTrue(unauthenticated.get("principal").isNull());
        assertEquals("deny", unauthenticated.get("decision").asText());
        assertEquals("SignatureDoesNotMatch", unauthenticated.get("errorCode").asText());

        JsonNode viaPresigned = lines.get(4);
        assertEquals("carol", viaPresigned.get("principal").asText());
        assertEquals(allowed, viaPresigned.get("key").asText());
        assertEquals("allow", viaPresigned.get("decision").asText());
    }

    private static URI presign(URI endpoint, String key) {
        try (var presigner = S3Presigner.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .build()) {
            return URI.create(presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket("datalake").key(key))).url().toString());
        }
    }

    /** Events are recorded after the last byte is sent, so the client can see a response first. */
    private static void awaitLines(Path file, int count) throws Exception {
        for (int i = 0; i < 500 && (!Files.exists(file) || Files.readAllLines(file).size() < count); i++) {
            Thread.sleep(10);
        }
    }
}
