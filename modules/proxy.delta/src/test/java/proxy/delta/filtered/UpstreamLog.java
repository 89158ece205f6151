package proxy.delta.filtered;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import proxy.delta.log.ColumnMapping;

/** An independent (Jackson) reading of a table's JSON commits: file actions and the latest column mapping. */
final class UpstreamLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One add, remove or cdc action as written: the raw path and partition values keyed by physical name. */
    record Action(String type, String path, Map<String, String> partitionValues) {
        /** The file's key relative to the table root: URL-decoded once, '+' kept. */
        String key() {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }

    private UpstreamLog() {
    }

    static List<Path> commits(Path table) {
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json"))
                    .sorted(Comparator.comparing(Path::getFileName)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Action> actions(Path table) {
        List<Action> out = new ArrayList<>();
        for (JsonNode node : lines(table)) {
            for (String type : List.of("add", "remove", "cdc")) {
                JsonNode a = node.get(type);
                if (a != null) {
                    Map<String, String> values = new LinkedHashMap<>();
                    a.path("partitionValues").properties().forEach(e ->
                            values.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
                    out.add(new Action(type, a.get("path").asText(), values));
                }
            }
        }
        return out;
    }

    /** The mapping of the last {@code metaData} of the commits (none when no commit has one). */
    static ColumnMapping mapping(Path table) {
        ColumnMapping mapping = ColumnMapping.none();
        for (JsonNode node : lines(table)) {
            JsonNode m = node.get("metaData");
            if (m != null) {
                Map<String, String> conf = new HashMap<>();
                m.path("configuration").properties().forEach(e -> conf.put(e.getKey(), e.getValue().asText()));
                mapping = ColumnMapping.of(m.path("schemaString").asText(), conf, JSON);
            }
        }
        return mapping;
    }

    /** Logical partition values of an action under a mapping. */
    static Map<String, String> logical(Action a, ColumnMapping mapping) {
        Map<String, String> out = new LinkedHashMap<>();
        a.partitionValues().forEach((k, v) -> out.put(mapping.logical(k), v));
        return out;
    }

    private static List<JsonNode> lines(Path table) {
        List<JsonNode> out = new ArrayList<>();
        for (Path commit : commits(table)) {
            try {
                for (String line : Files.readAllLines(commit)) {
                    if (!line.isBlank()) {
                        out.add(JSON.readTree(line));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
