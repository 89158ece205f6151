package proxy.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import proxy.api.ProviderContext;
import proxy.api.config.ProxyConfig;
import proxy.api.metrics.ProxyMetrics;

/** Shared test support: where the golden tables are, an independent reading of JSON commits, contexts. */
final class TestTables {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestTables() {
    }

    /**
     * The shared golden tables: {@code shared/golden} in the nearest ancestor of the project root that has it
     * ({@code <root>/../shared/golden} for the main checkout, one level further up for worktrees).
     */
    static Optional<Path> golden() {
        String property = System.getProperty("project.root");
        Path start = property != null && !property.isBlank() ? Path.of(property) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path golden = dir.resolve("shared").resolve("golden");
            if (Files.isDirectory(golden)) {
                return Optional.of(golden);
            }
        }
        return Optional.empty();
    }

    /** One file action of a commit, read with Jackson independently of the code under test. */
    record Action(long version, String type, String path, Map<String, String> partitionValues, String dvPath) {
        /** The key the path names: URL-decoded once, '+' kept. */
        String key() {
            return URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Every add, remove and cdc action of every JSON commit in the table's log, in version order. */
    static List<Action> commitActions(Path table) {
        List<Action> out = new ArrayList<>();
        for (Path commit : commits(table)) {
            long version = Long.parseLong(commit.getFileName().toString().substring(0, 20));
            try {
                for (String line : Files.readAllLines(commit)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node = JSON.readTree(line);
                    for (String type : List.of("add", "remove", "cdc")) {
                        JsonNode a = node.get(type);
                        if (a != null) {
                            out.add(new Action(version, type, a.get("path").asText(), values(a.get("partitionValues")),
                                    dvPath(a.get("deletionVector"))));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The JSON commit files, in version order. */
    static List<Path> commits(Path table) {
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json"))
                    .sorted(Comparator.comparing(Path::getFileName)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code u} deletion vector's encoded path, else null. */
    private static String dvPath(JsonNode dv) {
        return dv == null || dv.isNull() || !dv.path("storageType").asText().equals("u") ? null
                : dv.path("pathOrInlineDv").asText();
    }

    private static Map<String, String> values(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null) {
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        }
        return out;
    }


    /** A context for one table with the given refresh interval. */
    static ProviderContext context(URI root, Clock clock, ProxyMetrics metrics, int refreshSeconds) {
        ProxyConfig config = ProxyConfig.defaults(Map.of("t", root)).toBuilder()
                .metadataRefreshSeconds(refreshSeconds).build();
        return new ProviderContext(config, clock, metrics);
    }

    /** A clock tests move by hand. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
