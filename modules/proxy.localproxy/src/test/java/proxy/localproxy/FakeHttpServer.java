package proxy.localproxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A hand-written remote end for tests (the delta-s3-proxy upstream or the S3 target of a presigned URL): a real
 * JDK HTTP server on 127.0.0.1 that records every request it receives and answers with a test-supplied handler.
 */
final class FakeHttpServer implements AutoCloseable {

    /** What the server received. Header names are lower-cased. */
    record Received(String method, String rawUri, Map<String, List<String>> headers, byte[] body) {
        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }
    }

    /** Answers one request; the request body was already consumed and recorded. */
    @FunctionalInterface
    interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    FakeHttpServer(Responder responder) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                Map<String, List<String>> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
                        in.readAllBytes()));
                responder.respond(exchange);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String base() {
        return "http://127.0.0.1:" + port();
    }

    /** The next recorded request, waiting up to 10 s. */
    Received take() throws InterruptedException {
        Received next = received.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("the fake server received no request");
        }
        return next;
    }

    boolean idle() {
        return received.isEmpty();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
