package proxy.delta.filtered;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Filters a JSON v2 checkpoint manifest (and its Parquet sidecars) into one classic Parquet checkpoint. The
 * manifest is read twice from its local copy: once for the sidecars (the first one's schema fixes the
 * {@code add}/{@code remove} columns), once to write its kept actions in order; the sidecars' kept rows follow.
 */
final class JsonManifestFilter {
    private final FileFilter filter;
    private final CommitFilter actions;
    private final ObjectMapper json;

    JsonManifestFilter(FileFilter filter, Path spillDir, ObjectMapper json) {
        this.filter = filter;
        this.actions = new CommitFilter(filter, spillDir, json);
        this.json = json;
    }

    CheckpointFilter.Counts filter(Path manifest, CheckpointFilter.SidecarFiles sidecars, Path target)
            throws IOException {
        List<String> sidecarPaths = new ArrayList<>();
        forEachAction(manifest, (type, body) -> {
            if (type.equals("sidecar")) {
                sidecarPaths.add(body.path("path").asText(""));
            }
        });
        MessageType schema = sidecarPaths.isEmpty() ? JsonRows.CLASSIC : JsonRows.schemaWith(
                CheckpointFilter.schemaOf(new LocalInputFile(sidecars.resolve(sidecarPaths.getFirst()))));
        long[] counts = new long[2];
        CheckpointRows rows = new CheckpointRows(filter);
        try (ParquetWriter<Group> writer = CheckpointFilter.writer(target, schema)) {
            forEachAction(manifest, (type, body) -> {
                if (keep(type, body)) {
                    writer.write(JsonRows.row(type, body, schema));
                    counts[0]++;
                    counts[1] += type.equals("add") ? 1 : 0;
                }
            });
            for (String sidecar : sidecarPaths) {
                var c = CheckpointFilter.copy(sidecars.resolve(sidecar), writer, rows, null, schema);
                counts[0] += c.actions();
                counts[1] += c.addFiles();
            }
        }
        return new CheckpointFilter.Counts(counts[0], counts[1]);
    }

    private boolean keep(String type, JsonNode body) throws UnsupportedLogException {
        return switch (type) {
            case "checkpointMetadata" -> true;
            case "sidecar", "commitInfo" -> false;
            default -> actions.keep(type, body);
        };
    }

    /** One action of the manifest. */
    @FunctionalInterface
    private interface ActionVisitor {
        void visit(String type, JsonNode body) throws IOException;
    }

    private void forEachAction(Path manifest, ActionVisitor visitor) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(manifest), 1 << 16)) {
            byte[] line;
            while ((line = CommitFilter.nextLine(in)) != null) {
                if (!CommitFilter.isBlank(line)) {
                    JsonNode action = actions.parse(line);
                    String type = action.fieldNames().next();
                    visitor.visit(type, action.get(type));
                }
            }
        }
    }
}
