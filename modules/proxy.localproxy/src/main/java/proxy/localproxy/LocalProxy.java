package proxy.localproxy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A running client-side helper: one HTTP/1.1 listener that forwards reads to {@link LocalProxyOptions#upstream()}
 * and nowhere else, whether they arrive in origin form (endpoint mode) or in absolute form naming the upstream
 * (forward-proxy mode). The upstream's 3xx answers pointing at presigned object-store URLs are followed with only
 * {@code Range}; see {@link ForwardingHandler}. Listening beyond loopback is logged as a warning: anyone who can
 * reach the port can then read through the helper with their own credentials, and it is meant for one machine.
 *
 * <p>Every exchange runs on its own virtual thread; the outbound {@link HttpClient} speaks HTTP/1.1 only (no h2c
 * upgrade headers on forwarded requests, and {@code Host} stays a plain header) and never follows redirects by
 * itself. It uses the JVM's default {@link java.net.ProxySelector}, so {@code -Dhttps.proxyHost} still reaches S3
 * through a corporate proxy. The caller owns the instance and must {@link #close()} it.
 */
public final class LocalProxy implements AutoCloseable {

    private final HttpServer server;
    private final HttpClient client;
    private final ExecutorService executor;

    private LocalProxy(HttpServer server, HttpClient client, ExecutorService executor) {
        this.server = server;
        this.client = client;
        this.executor = executor;
    }

    /**
     * Binds the listener and starts serving.
     *
     * @throws UncheckedIOException  when the listen address cannot be bound
     * @throws IllegalStateException when the JDK HTTP client refuses to set {@code Host} (see
     *                               {@link HostHeaderOverride})
     */
    public static LocalProxy start(LocalProxyOptions options) {
        return start(options, System.getLogger(LocalProxy.class.getName()));
    }

    /** Like {@link #start(LocalProxyOptions)}, logging the one line per request to {@code log}. */
    static LocalProxy start(LocalProxyOptions options, System.Logger log) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(log, "log");
        HostHeaderOverride.enable();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.connectTimeout())
                .executor(executor)
                .build();
        HttpServer server;
        try {
            server = HttpServer.create(options.listen(), 0);
        } catch (IOException e) {
            client.shutdownNow();
            executor.shutdownNow();
            throw new UncheckedIOException("cannot bind " + options.listen() + ": " + e.getMessage(), e);
        }
        server.setExecutor(executor);
        server.createContext("/", new ForwardingHandler(client, options,
                "local-proxy-" + UUID.randomUUID().toString().substring(0, 8), log));
        server.start();
        if (options.listensBeyondLoopback()) {
            log.log(System.Logger.Level.WARNING, exposureWarning(options));
        }
        return new LocalProxy(server, client, executor);
    }

    /** The warning for a helper that listens beyond loopback. */
    static String exposureWarning(LocalProxyOptions options) {
        return "local-proxy listens on " + options.listen().getHostString() + ", not on loopback: other machines can"
                + " connect to it and reach " + options.upstream() + " through it. It is meant to run next to one"
                + " client; listen on 127.0.0.1 unless the network in between is trusted.";
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The bound port (useful when the options asked for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening at once and aborts exchanges still in flight. Idempotent. */
    @Override
    public void close() {
        server.stop(0);
        client.shutdownNow();
        executor.shutdownNow();
    }
}
