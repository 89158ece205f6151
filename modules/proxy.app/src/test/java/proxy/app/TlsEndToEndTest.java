package proxy.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.config.ProxyConfig;
import proxy.app.config.ConfigBinder;
import proxy.app.config.ConfigSource;
import proxy.testkit.ProjectPaths;
import proxy.testkit.TestPki;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The proxy over HTTPS as {@code serve} wires it from a config.json whose {@code tls} paths are relative to its
 * folder: the AWS SDK v2 trusting only a CA made in the test reads granted data and is refused the rest; the
 * metrics server serves HTTPS too; replaced certificate files reach new connections without a restart; a
 * certificate that does not load stops startup with exit code 2.
 */
class TlsEndToEndTest {
    private static final String KEY = "AKIATLS000000000001";
    private static final String SECRET = "tls-user-secret";
    private static final TestPki PKI = new TestPki("delta-s3-proxy e2e CA");

    @TempDir
    static Path dir;

    static RunningProxy proxy;
    static S3Client client;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(dir.resolve("tls"));
        PKI.issue("RSA", BigInteger.valueOf(0xA1)).writePem(dir.resolve("tls/server.crt"), dir.resolve("tls/server.key"));
        Path config = writeConfig(dir, """
                "tls": {"certificate": "tls/server.crt", "privateKey": "tls/server.key", "reloadSeconds": 1,
                        "metrics": true},""");
        proxy = new RunningProxy(load(config));
        client = sdkClient(proxy.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
        proxy.close();
    }

    @Test
    void theSdkReadsAGrantedFileOverHttpsAndIsRefusedAForbiddenOne() throws Exception {
        assertEquals("https", proxy.endpoint().getScheme());
        Path trades = ProjectPaths.fixtureTables().resolve("trades");
        var listing = client.listObjectsV2(r -> r.bucket("datalake").prefix("trades/MIC=XLON/"));
        String key = listing.contents().stream().filter(o -> o.key().endsWith(".parquet")).findFirst()
                .orElseThrow().key();

        byte[] body = client.getObject(r -> r.bucket("datalake").key(key), ResponseTransformer.toBytes())
                .asByteArray();

        assertArrayEquals(Files.readAllBytes(trades.resolve(key.substring("trades/".length()))), body);
        String forbidden;
        try (var files = Files.walk(trades.resolve("MIC=XMIL"))) {
            forbidden = "trades/" + trades.relativize(files.filter(f -> f.toString().endsWith(".parquet"))
                    .findFirst().orElseThrow()).toString().replace('\\', '/');
        }
        var refused = assertThrows(S3Exception.class,
                () -> client.getObject(r -> r.bucket("datalake").key(forbidden), ResponseTransformer.toBytes()));
        assertEquals(403, refused.statusCode());
    }

    @Test
    void plainHttpToTheHttpsPortGetsNoAnswer() {
        URI http = URI.create("http://127.0.0.1:" + proxy.endpoint().getPort());
        try (S3Client plain = sdkClient(http)) {
            assertThrows(SdkClientException.class, () -> plain.listBuckets());
        }
    }

    @Test
    void healthAndMetricsAreServedOverHttps() throws Exception {
        var http = HttpClient.newBuilder().sslContext(trustingContext()).connectTimeout(Duration.ofSeconds(10)).build();
        var ready = http.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + proxy.metricsPort() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode());
    }

    @Test
    void replacedCertificateFilesReachNewConnectionsWithoutARestart() throws Exception {
        PKI.issue("EC", BigInteger.valueOf(0xB2)).writePem(dir.resolve("tls/server.crt"), dir.resolve("tls/server.key"));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        BigInteger serial = presented(proxy.endpoint().getPort()).getSerialNumber();
        while (!serial.equals(BigInteger.valueOf(0xB2)) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            serial = presented(proxy.endpoint().getPort()).getSerialNumber();
        }
        assertEquals(BigInteger.valueOf(0xB2), serial);
        try (S3Client fresh = sdkClient(proxy.endpoint())) {
            assertEquals("datalake", fresh.listBuckets().buckets().getFirst().name());
        }
    }

    @Test
    void aCertificateThatDoesNotLoadStopsServeWithExitCode2(@TempDir Path other) throws Exception {
        Files.createDirectories(other.resolve("tls"));
        Files.writeString(other.resolve("tls/server.crt"), "not a certificate");
        Files.writeString(other.resolve("tls/server.key"), "not a key");
        Path config = writeConfig(other, """
                "tls": {"certificate": "tls/server.crt", "privateKey": "tls/server.key"},""");
        var err = new ByteArrayOutputStream();
        var run = new FutureTask<>(() -> Main.run(new String[] {"serve", "--config", config.toString()}, Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        Thread.ofPlatform().daemon().start(run);

        assertEquals(2, run.get(60, TimeUnit.SECONDS));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("configuration error: tls.certificate: cannot load the TLS certificate for the"
                + " S3 endpoint: " + other.resolve("tls/server.crt") + " is not a PEM file"), message);
    }

    private static Path writeConfig(Path folder, String tls) throws Exception {
        Path config = folder.resolve("config.json");
        Files.writeString(config, """
                {"bindAddress": "127.0.0.1", "port": 0, "metricsPort": 0, "getMode": "proxy",
                 %s
                 "tableMapping": {"trades": "file:%s"},
                 "users": [{"name": "tls", "accessKey": "%s", "secretKey": "%s",
                            "grants": {"trades": [{"MIC": "XLON"}]}}]}
                """.formatted(tls, ProjectPaths.fixtureTables().resolve("trades"), KEY, SECRET));
        return config;
    }

    private static ProxyConfig load(Path config) {
        return new ConfigBinder(config.getParent()).bind(new ConfigSource().read(config, true, Map.of()));
    }

    private static S3Client sdkClient(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .tlsTrustManagersProvider(() -> trustManagers().getTrustManagers())
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(30)))
                .build();
    }

    private static TrustManagerFactory trustManagers() {
        try {
            var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(PKI.trustStore());
            return factory;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext trustingContext() throws Exception {
        var context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers().getTrustManagers(), null);
        return context;
    }

    /** The certificate a new connection to 127.0.0.1:port is shown (host name checked against the IP SAN). */
    private static X509Certificate presented(int port) throws Exception {
        try (var socket = (SSLSocket) trustingContext().getSocketFactory().createSocket("127.0.0.1", port)) {
            var parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
