package proxy.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a golden table's JSON commits say, parsed by the test on its own (Jackson only, no product code): every
 * file named by an {@code add}, {@code remove} or {@code cdc} action with its logical partition values, and the
 * deletion-vector files the data files reference. A {@code remove} without {@code partitionValues} (optional in
 * the protocol) takes the values of the {@code add} of the same path. Checkpoints are not read: every golden
 * table keeps its JSON commits from version 0, so they name every file a checkpoint can (the one checkpoint
 * without a JSON commit, basic-dv-with-checkpoint v20, adds nothing that is on disk and unnamed); a file known
 * only from a checkpoint would surface as an unexpected 200, never be silently skipped.
 *
 * @param dir              the table directory
 * @param partitionColumns the logical partition columns of the latest {@code metaData}
 * @param logicalToPhysical column-mapping physical names by logical name (empty without column mapping)
 * @param files            every data and cdc file by key (relative to the table root)
 * @param deletionVectors  every deletion-vector key the log names, to the data file keys referencing it
 */
record GoldenLog(Path dir, List<String> partitionColumns, Map<String, String> logicalToPhysical,
                 Map<String, LoggedFile> files, Map<String, Set<String>> deletionVectors) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String Z85 =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

    /**
     * A file the log names.
     *
     * @param key    the key relative to the table root
     * @param cdc    whether it comes from a {@code cdc} action
     * @param values logical column to partition value as written (null for a null partition)
     */
    record LoggedFile(String key, boolean cdc, Map<String, String> values) {
    }

    /** Reads every {@code _delta_log/*.json} commit of a table, in version order. */
    static GoldenLog read(Path dir) {
        List<JsonNode> actions = new ArrayList<>();
        try (Stream<Path> commits = Files.list(dir.resolve("_delta_log"))) {
            for (Path commit : commits.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                for (String line : Files.readAllLines(commit)) {
                    if (!line.isBlank()) {
                        actions.add(JSON.readTree(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> partitionColumns = List.of();
        Map<String, String> logicalToPhysical = new HashMap<>();
        for (JsonNode action : actions) {
            if (action.has("metaData")) {
                JsonNode metaData = action.get("metaData");
                partitionColumns = new ArrayList<>();
                for (JsonNode column : metaData.get("partitionColumns")) {
                    partitionColumns.add(column.asText());
                }
                logicalToPhysical.putAll(physicalNames(metaData.get("schemaString").asText()));
            }
        }
        return new GoldenLog(dir, List.copyOf(partitionColumns), Map.copyOf(logicalToPhysical),
                files(dir, actions, invert(logicalToPhysical)), deletionVectors(dir, actions));
    }

    private static Map<String, String> physicalNames(String schemaString) {
        Map<String, String> names = new HashMap<>();
        try {
            for (JsonNode field : JSON.readTree(schemaString).get("fields")) {
                JsonNode physical = field.path("metadata").get("delta.columnMapping.physicalName");
                if (physical != null) {
                    names.put(field.get("name").asText(), physical.asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static Map<String, String> invert(Map<String, String> map) {
        Map<String, String> inverted = new HashMap<>();
        map.forEach((k, v) -> inverted.put(v, k));
        return inverted;
    }

    private static Map<String, LoggedFile> files(Path dir, List<JsonNode> actions, Map<String, String> toLogical) {
        Map<String, LoggedFile> files = new TreeMap<>();
        for (JsonNode action : actions) {
            for (String kind : List.of("add", "remove", "cdc")) {
                JsonNode file = action.get(kind);
                if (file == null) {
                    continue;
                }
                String key = keyOf(dir, file.get("path").asText());
                JsonNode values = file.get("partitionValues");
                LoggedFile known = files.get(key);
                if (known == null || values != null && known.values().isEmpty()) {
                    files.put(key, new LoggedFile(key, kind.equals("cdc"), logical(values, toLogical)));
                }
            }
        }
        return Collections.unmodifiableMap(files);
    }

    private static Map<String, String> logical(JsonNode values, Map<String, String> toLogical) {
        Map<String, String> logical = new LinkedHashMap<>();
        if (values != null) {
            values.properties().forEach(e -> logical.put(toLogical.getOrDefault(e.getKey(), e.getKey()),
                    e.getValue().isNull() ? null : e.getValue().asText()));
        }
        return Collections.unmodifiableMap(logical);
    }

    private static Map<String, Set<String>> deletionVectors(Path dir, List<JsonNode> actions) {
        Map<String, Set<String>> referrers = new TreeMap<>();
        for (JsonNode action : actions) {
            for (String kind : List.of("add", "remove")) {
                JsonNode file = action.get(kind);
                JsonNode dv = file == null ? null : file.get("deletionVector");
                if (dv == null || dv.isNull()) {
                    continue;
                }
                String encoded = dv.get("pathOrInlineDv").asText();
                String dvKey = switch (dv.get("storageType").asText()) {
                    case "u" -> relativeDeletionVector(encoded);
                    case "p" -> keyOf(dir, encoded);
                    default -> null;
                };
                if (dvKey != null) {
                    referrers.computeIfAbsent(dvKey, k -> new TreeSet<>()).add(keyOf(dir, file.get("path").asText()));
                }
            }
        }
        return Collections.unmodifiableMap(referrers);
    }

    /** Protocol: {@code <random prefix><20 Z85 chars of the UUID>} names {@code <prefix>/deletion_vector_<uuid>.bin}. */
    static String relativeDeletionVector(String encoded) {
        String prefix = encoded.substring(0, encoded.length() - 20);
        String z85 = encoded.substring(encoded.length() - 20);
        StringBuilder hex = new StringBuilder();
        for (int block = 0; block < 4; block++) {
            long value = 0;
            for (int i = 0; i < 5; i++) {
                value = value * 85 + Z85.indexOf(z85.charAt(block * 5 + i));
            }
            hex.append(String.format("%08x", value));
        }
        String uuid = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
        String name = "deletion_vector_" + uuid + ".bin";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** A log path as a key: an absolute URI is relativized to the table, a relative one percent-decoded once. */
    static String keyOf(Path dir, String logPath) {
        if (logPath.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            return dir.toUri().relativize(URI.create(logPath)).getPath();
        }
        return percentDecode(logPath);
    }

    /** Decodes {@code %XX} sequences as UTF-8 bytes; everything else, {@code +} included, stays as is. */
    static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '%') {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                int end = Character.isHighSurrogate(s.charAt(i)) ? i + 2 : i + 1;
                out.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
