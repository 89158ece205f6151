package proxy.localproxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Handles one client exchange: forward it to the upstream (see {@link UpstreamRequests}), follow the upstream's
 * redirect to a presigned object-store URL with only {@code Range} (see {@link Redirects}), relay the final
 * response, and log one line.
 *
 * <p>The log line names method, path (never the query string: presigned URLs and SigV4 query auth carry
 * signatures there), status, body bytes and whether a redirect was followed. Successful requests log at
 * {@code DEBUG} (JUL {@code FINE}), error statuses and failures at {@code INFO}/{@code WARNING}.
 */
final class ForwardingHandler implements HttpHandler {

    private final System.Logger log;
    private final HttpClient client;
    private final UpstreamRequests requests;
    private final java.net.URI upstream;

    ForwardingHandler(HttpClient client, LocalProxyOptions options, String instance, System.Logger log) {
        this.log = Objects.requireNonNull(log, "log");
        this.client = Objects.requireNonNull(client, "client");
        this.requests = new UpstreamRequests(options.upstream(), instance);
        this.upstream = options.upstream();
    }

    /** One request's result, for the log line. */
    private record Outcome(int status, long bytes, int redirects) {
    }

    @Override
    public void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        String request = exchange.getRequestMethod() + " " + loggablePath(exchange.getRequestURI());
        try {
            Outcome outcome = serve(exchange);
            long millis = (System.nanoTime() - started) / 1_000_000;
            log.log(outcome.status() < 400 ? System.Logger.Level.DEBUG : System.Logger.Level.INFO,
                    () -> request + " -> " + outcome.status() + ", " + outcome.bytes() + " bytes, redirect followed: "
                            + (outcome.redirects() > 0 ? "yes (" + outcome.redirects() + " hop)" : "no") + ", "
                            + millis + " ms");
        } catch (IOException e) {
            // Usually the client closed the connection mid-body (S3A aborts streams on seek): not a fault here.
            log.log(System.Logger.Level.INFO, () -> request + " aborted after status "
                    + exchange.getResponseCode() + ": " + e);
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.WARNING, () -> request + " failed: " + e, e);
            answerInternalError(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.log(System.Logger.Level.WARNING, () -> request + " interrupted");
        } finally {
            exchange.close();
        }
    }

    private Outcome serve(HttpExchange exchange) throws IOException, InterruptedException {
        HttpResponse<InputStream> response;
        try {
            response = client.send(requests.forward(exchange, requests.target(exchange)), BodyHandlers.ofInputStream());
        } catch (LocalProxyFailure failure) {
            return reject(exchange, failure);
        } catch (IOException | IllegalArgumentException e) {
            return reject(exchange, new LocalProxyFailure(502, "BadGateway", "upstream request failed: " + e));
        }
        String method = exchange.getRequestMethod();
        Optional<String> range = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Range"));
        Optional<URI> next = Redirects.location(method, response, upstream);
        int hops = 0;
        if (next.isPresent()) {
            response.body().close();
            hops = 1;
            try {
                response = client.send(UpstreamRequests.follow(method, next.get(), range), BodyHandlers.ofInputStream());
            } catch (IOException e) {
                return reject(exchange, new LocalProxyFailure(502, "BadGateway",
                        "following the redirect to " + next.get().getHost() + " failed: " + e));
            }
        }
        long bytes = ResponseRelay.relay(exchange, response, hops > 0);
        return new Outcome(response.statusCode(), bytes, hops);
    }

    private Outcome reject(HttpExchange exchange, LocalProxyFailure failure) throws IOException {
        log.log(System.Logger.Level.INFO, () -> "local-proxy answers " + failure.status() + " " + failure.code()
                + ": " + failure.getMessage());
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + failure.code()
                + "</Code><Message>" + escape(failure.getMessage()) + "</Message></Error>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        if (failure.status() == 405) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        }
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(failure.status(), head ? -1 : xml.length);
        if (!head) {
            exchange.getResponseBody().write(xml);
        }
        return new Outcome(failure.status(), head ? 0 : xml.length, 0);
    }

    private void answerInternalError(HttpExchange exchange) {
        if (exchange.getResponseCode() == -1) {
            try {
                reject(exchange, new LocalProxyFailure(500, "InternalError", "local-proxy failed; see its log"));
            } catch (IOException e) {
                log.log(System.Logger.Level.DEBUG, () -> "could not answer 500: " + e);
            }
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The request path for logs: scheme and authority kept for absolute-form requests, query string dropped. */
    static String loggablePath(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.isAbsolute() ? uri.getScheme() + "://" + uri.getRawAuthority() + path : path;
    }
}
