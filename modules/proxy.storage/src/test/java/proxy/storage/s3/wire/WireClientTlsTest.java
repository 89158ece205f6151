package proxy.storage.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import proxy.testkit.TestPki;

/**
 * https origins: the client verifies the certificate chain and the host name. The test's server certificate names
 * {@code localhost} and {@code 127.0.0.1}; the same server reached as {@code 127.0.0.2} must be refused.
 */
class WireClientTlsTest {

    private static final char[] PASSWORD = "test".toCharArray();

    @Test
    void aCertificateForTheHostIsAcceptedAndOneForAnotherNameIsRefused() throws Exception {
        var pki = new TestPki("wire-client-test-ca");
        SSLContext server = serverContext(pki.issue("EC", BigInteger.TWO));
        try (var named = tlsBackend(server, "127.0.0.1"); var other = tlsBackend(server, "127.0.0.2");
             var client = new WireClient(clientContext(pki).getSocketFactory(), Duration.ofSeconds(2),
                     Duration.ofSeconds(2), 8, Duration.ofSeconds(20))) {
            for (int i = 0; i < 3; i++) {
                try (var answer = client.send(new Origin(true, "localhost", named.port()), "GET", "/k", "localhost",
                        Map.of())) {
                    assertEquals("hi", new String(answer.body().orElseThrow().readAllBytes()));
                }
            }
            assertEquals(1, client.opened());

            assertThrows(SSLHandshakeException.class, () -> client.send(
                    new Origin(true, "127.0.0.2", other.port()), "GET", "/k", "127.0.0.2", Map.of()));
            assertEquals(1, client.opened());
        }
    }

    private static ScriptedBackend tlsBackend(SSLContext server, String address) throws IOException {
        var socket = server.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getByName(address));
        return new ScriptedBackend(socket, (c, r, head, out) -> ScriptedBackend.ok(out, "Content-Length: 2\r\n", "hi"));
    }

    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        var pki = new TestPki("wire-client-test-ca");
        SSLContext server = serverContext(pki.issue("EC", BigInteger.TWO));
        try (var backend = tlsBackend(server, "127.0.0.1");
             var client = new WireClient(clientContext(new TestPki("another-ca")).getSocketFactory(),
                     Duration.ofSeconds(2), Duration.ofSeconds(2), 8, Duration.ofSeconds(20))) {
            assertThrows(SSLHandshakeException.class, () -> client.send(
                    new Origin(true, "localhost", backend.port()), "GET", "/k", "localhost", Map.of()));
        }
    }

    private static SSLContext serverContext(TestPki.Issued issued) throws GeneralSecurityException, IOException {
        var keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", issued.key(), PASSWORD, issued.chain().toArray(new java.security.cert.Certificate[0]));
        var factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD);
        var context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext clientContext(TestPki pki) throws GeneralSecurityException {
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(pki.trustStore());
        var context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
