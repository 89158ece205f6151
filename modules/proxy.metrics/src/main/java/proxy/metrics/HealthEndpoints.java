package proxy.metrics;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import proxy.api.metrics.ReadinessCheck;

/**
 * {@code /healthz} (liveness: 200 {@code ok} while the process serves) and {@code /readyz} (200 {@code ready}
 * when every component of the registered {@link ReadinessCheck} is ready, else 503 with the names of those
 * that are not, one per line). Until the application registers a check, {@code /readyz} reports
 * {@code startup} as not ready: fail closed. Only GET and HEAD are answered; other paths get 404.
 */
final class HealthEndpoints {
    private static final System.Logger LOG = System.getLogger(HealthEndpoints.class.getName());
    private static final String STARTUP = "startup";

    private final AtomicReference<ReadinessCheck> check = new AtomicReference<>();
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    void readiness(ReadinessCheck readiness) {
        check.set(Objects.requireNonNull(readiness, "readiness"));
    }

    void healthz(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (allowed(exchange, "/healthz")) {
                send(exchange, 200, "ok\n");
            }
        }
    }

    void readyz(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (allowed(exchange, "/readyz")) {
                var notReady = notReady();
                if (notReady.isEmpty()) {
                    send(exchange, 200, "ready\n");
                } else {
                    send(exchange, 503, "not ready:\n" + String.join("\n", notReady) + "\n");
                }
            }
        }
    }

    /** Any other path on the port. */
    void notFound(HttpExchange exchange) throws IOException {
        try (exchange) {
            send(exchange, 404, "not found\n");
        }
    }

    /** Sorted names of the components that are not ready; {@code startup} while no check is registered. */
    TreeSet<String> notReady() {
        var names = new TreeSet<String>();
        ReadinessCheck current = check.get();
        if (current == null) {
            names.add(STARTUP);
            return names;
        }
        try {
            Map<String, Boolean> components = current.components();
            components.forEach((name, ready) -> {
                if (!Boolean.TRUE.equals(ready)) {
                    names.add(name);
                }
            });
        } catch (RuntimeException e) {
            // Probes repeat every few seconds: the first failure is a warning, later ones are debug noise.
            var level = failureLogged.compareAndSet(false, true) ? System.Logger.Level.WARNING
                    : System.Logger.Level.DEBUG;
            LOG.log(level, "readiness check failed", e);
            names.add("readiness-check");
        }
        return names;
    }

    private static boolean allowed(HttpExchange exchange, String path) throws IOException {
        if (!path.equals(exchange.getRequestURI().getPath())) {
            send(exchange, 404, "not found\n");
            return false;
        }
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "method not allowed\n");
            return false;
        }
        return true;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
