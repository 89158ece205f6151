package proxy.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.config.ConfigException;
import proxy.api.config.Secret;
import proxy.api.config.TlsConfig;
import proxy.testkit.TestPki;

/** HTTPS listeners from PEM and PKCS#12 files, and their reload, checked with a real TLS client. */
class ServerCertificateTest {
    private static final TestPki PKI = new TestPki("delta-s3-proxy test CA");

    @TempDir
    Path dir;

    private ServerCertificate certificate;
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (certificate != null) {
            certificate.close();
        }
    }

    @Test
    void servesAPemRsaChainToAClientThatTrustsOnlyTheRoot() throws Exception {
        var issued = PKI.issue("RSA", BigInteger.valueOf(0x1001));
        TlsConfig config = pem(issued, 0);

        var answer = new TlsClient(PKI.trustStore()).get(serve(config));

        assertEquals(BigInteger.valueOf(0x1001), answer.certificate().getSerialNumber());
        assertEquals("HTTP/1.1 200 OK", answer.statusLine());
    }

    @Test
    void servesAPemEcKey() throws Exception {
        TlsConfig config = pem(PKI.issue("EC", BigInteger.valueOf(0x1002)), 0);

        var answer = new TlsClient(PKI.trustStore()).get(serve(config));

        assertEquals("EC", answer.certificate().getPublicKey().getAlgorithm());
        assertEquals(BigInteger.valueOf(0x1002), answer.certificate().getSerialNumber());
    }

    @Test
    void servesAPkcs12KeystoreWithItsPassword() throws Exception {
        Path keystore = dir.resolve("server.p12");
        PKI.issue("RSA", BigInteger.valueOf(0x1003)).writePkcs12(keystore, "s3cret-pass".toCharArray());
        var config = new TlsConfig(Optional.empty(), Optional.empty(), Optional.of(keystore),
                Optional.of(new Secret("s3cret-pass")), 0, false);

        var answer = new TlsClient(PKI.trustStore()).get(serve(config));

        assertEquals(BigInteger.valueOf(0x1003), answer.certificate().getSerialNumber());
    }

    @Test
    void aClientThatDoesNotTrustTheRootIsRefused() throws Exception {
        TlsConfig config = pem(PKI.issue("EC", BigInteger.valueOf(0x1004)), 0);
        int port = serve(config);

        var stranger = new TestPki("another CA");
        assertThrows(SSLHandshakeException.class, () -> new TlsClient(stranger.trustStore()).get(port));
    }

    @Test
    void replacedFilesAreServedToTheNextConnectionOfTheSameClient() throws Exception {
        TlsConfig config = pem(PKI.issue("RSA", BigInteger.valueOf(0x2001)), 0);
        int port = serve(config);
        var client = new TlsClient(PKI.trustStore());
        assertEquals(BigInteger.valueOf(0x2001), client.get(port).certificate().getSerialNumber());

        PKI.issue("EC", BigInteger.valueOf(0x2002)).writePem(config.certificate().get(), config.privateKey().get());

        assertTrue(certificate.reloadIfChanged());
        assertEquals(BigInteger.valueOf(0x2002), client.get(port).certificate().getSerialNumber());
        assertFalse(certificate.reloadIfChanged(), "unchanged files are not reloaded");
    }

    @Test
    void theWatcherReloadsWithoutBeingAsked() throws Exception {
        TlsConfig config = pem(PKI.issue("EC", BigInteger.valueOf(0x3001)), 1);
        int port = serve(config);
        var client = new TlsClient(PKI.trustStore());

        PKI.issue("EC", BigInteger.valueOf(0x3002)).writePem(config.certificate().get(), config.privateKey().get());

        long deadline = System.nanoTime() + 15_000_000_000L;
        BigInteger serial = client.get(port).certificate().getSerialNumber();
        while (!serial.equals(BigInteger.valueOf(0x3002)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            serial = client.get(port).certificate().getSerialNumber();
        }
        assertEquals(BigInteger.valueOf(0x3002), serial);
    }

    @Test
    void aBrokenOrMismatchedReplacementKeepsTheOldCertificateUntilAGoodOneArrives() throws Exception {
        TlsConfig config = pem(PKI.issue("RSA", BigInteger.valueOf(0x4001)), 0);
        int port = serve(config);
        var client = new TlsClient(PKI.trustStore());

        Files.writeString(config.privateKey().get(), "-----BEGIN PRIVATE KEY-----\nAAAA"); // half written
        assertFalse(certificate.reloadIfChanged());
        assertEquals(BigInteger.valueOf(0x4001), client.get(port).certificate().getSerialNumber());

        var next = PKI.issue("RSA", BigInteger.valueOf(0x4002));
        Path otherKey = dir.resolve("other.key");
        PKI.issue("RSA", BigInteger.valueOf(0x4003)).writePem(dir.resolve("other.crt"), otherKey);
        next.writePem(config.certificate().get(), config.privateKey().get());
        Files.copy(otherKey, config.privateKey().get(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertFalse(certificate.reloadIfChanged(), "a key that is not the certificate's is refused");
        assertEquals(BigInteger.valueOf(0x4001), client.get(port).certificate().getSerialNumber());

        next.writePem(config.certificate().get(), config.privateKey().get());
        assertTrue(certificate.reloadIfChanged());
        assertEquals(BigInteger.valueOf(0x4002), client.get(port).certificate().getSerialNumber());
    }

    @Test
    void aKeyThatIsNotTheCertificatesStopsStartupNamingTheKey() {
        var issued = PKI.issue("EC", BigInteger.valueOf(0x5001));
        Path crt = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        issued.writePem(crt, key);
        PKI.issue("EC", BigInteger.valueOf(0x5002)).writePem(dir.resolve("x.crt"), key);

        var e = assertThrows(ConfigException.class, () -> ServerCertificate.open(config(crt, key, 0), "test"));
        assertTrue(e.getMessage().startsWith("tls.certificate: "), e.getMessage());
        assertTrue(e.getMessage().contains("does not belong to the first certificate"), e.getMessage());
    }

    @Test
    void aPkcs1KeyIsRefusedWithTheCommandThatConvertsIt() throws IOException {
        Path crt = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        PKI.issue("RSA", BigInteger.valueOf(0x5003)).writePem(crt, key);
        Files.writeString(key, TestPki.pem("RSA PRIVATE KEY", new byte[] {0x30, 0x00}));

        var e = assertThrows(ConfigException.class, () -> ServerCertificate.open(config(crt, key, 0), "test"));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    }

    @Test
    void aWrongKeystorePasswordIsNamedWithoutTheGivenPassword() {
        Path keystore = dir.resolve("server.p12");
        PKI.issue("RSA", BigInteger.valueOf(0x5004)).writePkcs12(keystore, "right-pass".toCharArray());
        var config = new TlsConfig(Optional.empty(), Optional.empty(), Optional.of(keystore),
                Optional.of(new Secret("wrong-pass")), 0, false);

        var e = assertThrows(ConfigException.class, () -> ServerCertificate.open(config, "test"));
        assertTrue(e.getMessage().startsWith("tls.keystore: "), e.getMessage());
        assertTrue(e.getMessage().contains("wrong keystore password"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-pass"), e.getMessage());
    }

    @Test
    void aMissingFileStopsStartupNamingThePath() {
        Path crt = dir.resolve("absent.crt");
        var e = assertThrows(ConfigException.class,
                () -> ServerCertificate.open(config(crt, dir.resolve("absent.key"), 0), "test"));
        assertTrue(e.getMessage().contains(crt.toString()), e.getMessage());
    }

    private TlsConfig pem(TestPki.Issued issued, int reloadSeconds) {
        Path crt = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        issued.writePem(crt, key);
        return config(crt, key, reloadSeconds);
    }

    private static TlsConfig config(Path crt, Path key, int reloadSeconds) {
        return new TlsConfig(Optional.of(crt), Optional.of(key), Optional.empty(), Optional.empty(), reloadSeconds,
                false);
    }

    private int serve(TlsConfig config) throws IOException {
        certificate = ServerCertificate.open(config, "test");
        server = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0,
                Optional.of(certificate));
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server.getAddress().getPort();
    }
}
