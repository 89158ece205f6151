package proxy.delta.filtered;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Filters one JSON commit line by line. Kept actions are copied byte for byte (never re-serialized), so the output
 * is a pure function of the input bytes and the {@link FileFilter}. The reduced {@code commitInfo} comes first;
 * kept lines are buffered in a {@link Spill} until the whole commit was read (delta-rs writes {@code commitInfo}
 * last).
 */
final class CommitFilter {
    /** The {@code commitInfo} fields readers need; everything else (predicates, metrics, user fields) is dropped. */
    private static final List<String> COMMIT_INFO_FIELDS = List.of("timestamp", "inCommitTimestamp", "operation",
            "txnId");

    private final FileFilter filter;
    private final Path spillDir;
    private final ObjectMapper json;

    CommitFilter(FileFilter filter, Path spillDir, ObjectMapper json) {
        this.filter = filter;
        this.spillDir = spillDir;
        this.json = json;
    }

    void filter(InputStream upstream, OutputStream out) throws IOException {
        ObjectNode commitInfo = null;
        try (Spill kept = new Spill(spillDir); InputStream in = new BufferedInputStream(upstream, 1 << 16)) {
            byte[] line;
            while ((line = nextLine(in)) != null) {
                if (isBlank(line)) {
                    continue;
                }
                JsonNode action = parse(line);
                String type = action.fieldNames().next();
                if (type.equals("commitInfo")) {
                    if (commitInfo != null) {
                        throw new UnsupportedLogException("commit with two commitInfo actions");
                    }
                    commitInfo = reduce(action.get(type));
                } else if (keep(type, action.get(type))) {
                    kept.write(line);
                    kept.write('\n');
                }
            }
            out.write(json.writeValueAsBytes(json.createObjectNode().set("commitInfo",
                    commitInfo == null ? json.createObjectNode() : commitInfo)));
            out.write('\n');
            kept.copyTo(out);
        }
    }

    /** Whether an action other than {@code commitInfo} stays, byte for byte. */
    boolean keep(String type, JsonNode body) throws UnsupportedLogException {
        return switch (type) {
            case "protocol" -> {
                checkProtocol(body);
                yield true;
            }
            case "metaData" -> true;
            case "add", "remove", "cdc" -> filter.readable(partitionValues(body));
            // Other writers' application ids and domain state (row-tracking and identity high-water marks,
            // clustering) are not needed to read and may describe hidden data.
            case "txn", "domainMetadata" -> false;
            default -> throw new UnsupportedLogException("action '" + type + "'");
        };
    }

    JsonNode parse(byte[] line) throws UnsupportedLogException {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (IOException e) {
            throw new UnsupportedLogException("commit line that is not JSON");
        }
        if (node == null || !node.isObject() || node.size() != 1 || !node.elements().next().isObject()) {
            throw new UnsupportedLogException("commit line that is not exactly one action");
        }
        return node;
    }

    private ObjectNode reduce(JsonNode commitInfo) {
        ObjectNode out = json.createObjectNode();
        for (String field : COMMIT_INFO_FIELDS) {
            JsonNode value = commitInfo.get(field);
            if (value != null && !value.isNull() && value.isValueNode()) {
                out.set(field, value);
            }
        }
        return out;
    }

    private static void checkProtocol(JsonNode protocol) throws UnsupportedLogException {
        FeatureGate.check(protocol.path("minReaderVersion").asInt(-1), protocol.path("minWriterVersion").asInt(-1),
                strings(protocol.get("readerFeatures")), strings(protocol.get("writerFeatures")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(e -> out.add(e.asText()));
        }
        return out;
    }

    private static Map<String, String> partitionValues(JsonNode action) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode values = action.get("partitionValues");
        if (values != null) {
            values.properties().forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        }
        return out;
    }

    /** The next line without its terminator, or null at the end of the stream. */
    static byte[] nextLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        return b < 0 && line.size() == 0 ? null : line.toByteArray();
    }

    static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
