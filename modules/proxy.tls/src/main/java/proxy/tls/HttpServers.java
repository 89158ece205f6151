package proxy.tls;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/** Creates the JDK HTTP server of a listener: plain HTTP, or HTTPS with a {@link ServerCertificate}. */
public final class HttpServers {
    private HttpServers() {
    }

    /**
     * Binds {@code address} (not started; the caller sets executor and contexts). With a certificate the server is
     * an {@link HttpsServer} whose handshakes present the certificate's current version.
     *
     * @param backlog the listen backlog; 0 for the system default
     * @throws IOException when the address cannot be bound
     */
    public static HttpServer create(InetSocketAddress address, int backlog, Optional<ServerCertificate> certificate)
            throws IOException {
        if (certificate.isEmpty()) {
            return HttpServer.create(address, backlog);
        }
        HttpsServer server = HttpsServer.create(address, backlog);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.get().sslContext()));
        return server;
    }
}
