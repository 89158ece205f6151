/**
 * HTTPS for the proxy's listeners: {@link proxy.tls.HttpServers} creates a JDK {@code HttpServer} or
 * {@code HttpsServer}; {@link proxy.tls.ServerCertificate} loads a PEM or PKCS#12 certificate and swaps it in for
 * new handshakes when its files change. A library used by {@code proxy.http} and {@code proxy.metrics}.
 */
module proxy.tls {
    requires transitive proxy.api;
    requires transitive jdk.httpserver;

    exports proxy.tls;
}
