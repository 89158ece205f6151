package proxy.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import proxy.api.config.AuditConfig;
import proxy.api.config.GetMode;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.testkit.ProjectPaths;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * What is signed is what is executed, against the real product (SigV4, the Delta index, partition grants) and the
 * {@code nulls_and_escapes} fixture, whose keys hold ü, 東京, a space, {@code +}, {@code %} and {@code =}: the AWS
 * SDK v2 and a client that writes raw UTF-8 and signs it the AWS way read the same keys; a URL signed for one key
 * or listing prefix cannot be respelled to serve another.
 */
class SignedTargetEndToEndTest {
    private static final String KEY = "AKIAZOE0000000000009";
    private static final String SECRET = "zoe-secret";
    private static final String TABLE = "nulls_and_escapes";

    private static Path root;
    private static RunningProxy proxy;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        root = ProjectPaths.fixtureTables().resolve(TABLE);
        var config = ProxyConfig.defaults(Map.of(TABLE, root.toUri())).toBuilder()
                .metricsPort(OptionalInt.empty())
                .getMode(GetMode.PROXY)
                .audit(new AuditConfig("off"))
                .users(List.of(new UserConfig("zoe", KEY, new Secret(SECRET),
                        Map.of(TABLE, List.of(new PartitionSpec(Map.of())))))).build();
        proxy = new RunningProxy(config);
        s3 = proxy.client(KEY, SECRET);
    }

    @AfterAll
    static void stop() {
        s3.close();
        proxy.close();
    }

    /** The data files of the table, keys relative to its root, as on disk. */
    private static List<String> files() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".parquet")).map(p -> root.relativize(p).toString())
                    .sorted().toList();
        }
    }

    private static String file(String partition) throws IOException {
        return files().stream().filter(k -> k.startsWith(partition + "/")).findFirst().orElseThrow();
    }

    private static RawHttp.Response get(String target, String headers) throws IOException {
        byte[] head = ("GET " + target + " HTTP/1.1\r\n" + headers).getBytes(StandardCharsets.ISO_8859_1);
        return RawHttp.exchange(proxy.endpoint().getPort(), head, false);
    }

    private static RawHttp.Response headerSigned(String rawPath, String rawQuery) throws IOException {
        String host = "127.0.0.1:" + proxy.endpoint().getPort();
        String auth = new RawSigner(KEY, SECRET).headerAuth("GET", rawPath, rawQuery, host, Instant.now());
        return get(rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery), auth);
    }

    /** The UTF-8 bytes of a text, one ISO-8859-1 char per byte: how they travel raw in a request line. */
    private static String rawUtf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void sdkClientListsAndReadsEveryEscapedKey() throws IOException {
        List<String> listed = s3.listObjectsV2Paginator(b -> b.bucket("datalake").prefix(TABLE + "/city=")).contents()
                .stream().map(S3Object::key).toList();
        assertEquals(files().stream().map(k -> TABLE + "/" + k).toList(), listed);
        for (String key : listed) {
            byte[] body = s3.getObjectAsBytes(b -> b.bucket("datalake").key(key)).asByteArray();
            assertArrayEquals(Files.readAllBytes(root.resolve(key.substring(TABLE.length() + 1))), body, key);
            s3.headObject(b -> b.bucket("datalake").key(key));
        }
        assertTrue(listed.stream().anyMatch(k -> k.contains("東京")) && listed.stream().anyMatch(k -> k.contains(" "))
                && listed.stream().anyMatch(k -> k.contains("+")) && listed.stream().anyMatch(k -> k.contains("%25"))
                && listed.stream().anyMatch(k -> k.contains("%3D")) && listed.stream().anyMatch(k -> k.contains("ü")),
                listed.toString());
        var emoji = s3.listObjectsV2(b -> b.bucket("datalake").prefix(TABLE + "/city=😀 + % = 東京/"));
        assertEquals(0, emoji.keyCount());
    }

    /**
     * A client that writes the key's UTF-8 raw on the wire (and {@code =} unescaped, hex in lower case) signs the
     * key's canonical encoding and reads it; a percent-encoded emoji listing prefix verifies as well.
     */
    @Test
    void rawUtf8SigningClientReadsTheSameKeys() throws IOException {
        String zurich = file("city=Zürich");
        var raw = headerSigned("/datalake/" + TABLE + "/" + rawUtf8(zurich), "");
        assertEquals(200, raw.status(), raw.text());
        assertArrayEquals(Files.readAllBytes(root.resolve(zurich)), raw.body());
        String tokyo = file("city=東京");
        var lower = headerSigned("/datalake/" + TABLE + "/city=%e6%9d%b1%e4%ba%ac/" + tokyo.substring(tokyo.indexOf('/') + 1), "");
        assertEquals(200, lower.status(), lower.text());
        var emoji = headerSigned("/datalake", "list-type=2&prefix=" + TABLE + "%2Fcity%3D%F0%9F%98%80");
        assertEquals(200, emoji.status(), emoji.text());
    }

    /**
     * The attack: a URL signed for the key {@code city=ZÃ¼rich/...} (the UTF-8 of "Ã¼", percent-encoded) sent with
     * the raw bytes C3 BC served {@code city=Zürich/...}. Now its signature covers only the key it was signed for.
     */
    @Test
    void aUrlSignedForOneKeyCannotServeAnother() throws IOException {
        String zurich = file("city=Zürich");
        String mojibakeKey = TABLE + "/" + zurich.replace("Zürich", "ZÃ¼rich");
        URI url;
        try (S3Presigner presigner = presigner()) {
            url = URI.create(presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("datalake").key(mojibakeKey))).url().toString());
        }
        String host = "Host: 127.0.0.1:" + proxy.endpoint().getPort() + "\r\n";
        var asSigned = get(url.getRawPath() + "?" + url.getRawQuery(), host);
        assertEquals(403, asSigned.status(), asSigned.text());
        assertEquals(Optional.of("AccessDenied"), asSigned.code(), "no such file: refused like every unknown key");
        String respelled = url.getRawPath().replace("%C3%83%C2%BC", "\u00C3\u00BC");
        var attack = get(respelled + "?" + url.getRawQuery(), host);
        assertEquals(403, attack.status(), attack.text());
        assertEquals(Optional.of("SignatureDoesNotMatch"), attack.code());
    }

    /**
     * A presigned listing for the prefix {@code city=a+b/} works; respelling its {@code %2B} as {@code +} (a space
     * for S3, and now for the signature too) is refused instead of listing {@code city=a b/}.
     */
    @Test
    void presignedListingWithPlusCannotBePointedElsewhere() throws IOException {
        SdkHttpFullRequest listing = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).protocol("http")
                .host("127.0.0.1").port(proxy.endpoint().getPort()).encodedPath("/datalake")
                .putRawQueryParameter("list-type", "2").putRawQueryParameter("prefix", TABLE + "/city=a+b/").build();
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(KEY, SECRET))
                .request(listing)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5))
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.systemUTC())).request();
        String query = signed.encodedQueryParameters().orElseThrow();
        assertTrue(query.contains("city%3Da%2Bb%2F"), query);
        String host = "Host: 127.0.0.1:" + proxy.endpoint().getPort() + "\r\n";
        var ok = get("/datalake?" + query, host);
        assertEquals(200, ok.status(), ok.text());
        assertTrue(ok.text().contains("<Key>" + TABLE + "/" + file("city=a+b") + "</Key>"), ok.text());
        var attack = get("/datalake?" + query.replace("city%3Da%2Bb%2F", "city%3Da+b%2F"), host);
        assertEquals(403, attack.status(), attack.text());
        assertEquals(Optional.of("SignatureDoesNotMatch"), attack.code());
    }

    private static S3Presigner presigner() {
        return S3Presigner.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .endpointOverride(proxy.endpoint())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }
}
