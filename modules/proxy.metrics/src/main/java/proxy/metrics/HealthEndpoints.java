package proxy.metrics;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import proxy.api.metrics.ReadinessCheck;

/**
 * {@code /healthz} (liveness: 200 {@code ok} while the process serves) and {@code /readyz} (200 {@code ready}
 * when every component of the registered {@link ReadinessCheck} is ready or has {@linkplain ReadinessCheck#failed()
 * failed for good}, else 503 with the names of those still starting, one per line; failed components follow under
 * {@code failed:} in both cases, then the check's {@linkplain ReadinessCheck#warnings() warnings} under
 * {@code warnings:}). Until the application registers a check, {@code /readyz} reports {@code startup}
 * as not ready: fail closed. Only GET and HEAD are answered; other paths get 404.
 */
final class HealthEndpoints {
    private static final System.Logger LOG = System.getLogger(HealthEndpoints.class.getName());
    private static final String STARTUP = "startup";

    /**
     * The readiness of the components by their shown names, each name in exactly one of the sets, sorted.
     *
     * @param starting not ready yet: these hold the proxy's readiness back
     * @param failed   failed for good (and not also starting under the same shown name)
     * @param ready    ready (and in neither other set under the same shown name)
     * @param warnings notes for the operator that do not affect readiness
     */
    record Report(SortedSet<String> starting, SortedSet<String> failed, SortedSet<String> ready,
                  List<String> warnings) {
        boolean isReady() {
            return starting.isEmpty();
        }
    }

    private final UnaryOperator<String> shownName;
    private final AtomicReference<ReadinessCheck> check = new AtomicReference<>();
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    /** @param shownName how a component's name is shown (e.g. every {@code table:<alias>} as {@code tables}) */
    HealthEndpoints(UnaryOperator<String> shownName) {
        this.shownName = Objects.requireNonNull(shownName, "shownName");
    }

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
                Report report = report();
                String failed = (report.failed().isEmpty() ? "" : "failed:\n" + lines(report.failed()))
                        + (report.warnings().isEmpty() ? "" : "warnings:\n" + lines(report.warnings()));
                if (report.isReady()) {
                    send(exchange, 200, "ready\n" + failed);
                } else {
                    send(exchange, 503, "not ready:\n" + lines(report.starting()) + failed);
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

    /** The components' readiness now; {@code startup} is starting while no check is registered. */
    Report report() {
        var starting = new TreeSet<String>();
        var failed = new TreeSet<String>();
        var ready = new TreeSet<String>();
        ReadinessCheck current = check.get();
        if (current == null) {
            starting.add(STARTUP);
            return new Report(starting, failed, ready, List.of());
        }
        List<String> warnings = List.of();
        try {
            Map<String, Boolean> components = current.components();
            Set<String> failedForGood = current.failed();
            components.forEach((name, isReady) -> {
                if (Boolean.TRUE.equals(isReady)) {
                    ready.add(shownName.apply(name));
                } else {
                    (failedForGood.contains(name) ? failed : starting).add(shownName.apply(name));
                }
            });
            warnings = List.copyOf(current.warnings());
        } catch (RuntimeException e) {
            // Probes repeat every few seconds: the first failure is a warning, later ones are debug noise.
            var level = failureLogged.compareAndSet(false, true) ? System.Logger.Level.WARNING
                    : System.Logger.Level.DEBUG;
            LOG.log(level, "readiness check failed", e);
            starting.add("readiness-check");
        }
        failed.removeAll(starting);
        ready.removeAll(starting);
        ready.removeAll(failed);
        return new Report(starting, failed, ready, warnings);
    }

    private static String lines(java.util.Collection<String> names) {
        return String.join("\n", names) + "\n";
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
