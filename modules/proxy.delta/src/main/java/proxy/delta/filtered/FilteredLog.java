package proxy.delta.filtered;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import proxy.delta.log.LogFile;

/**
 * The filtered Delta log engine: turns upstream {@code _delta_log} objects into their form for one grant set
 * ({@link FileFilter}). Every method is a pure function of the upstream bytes and the filter: the same input gives
 * the same output bytes in any process. Nothing holds a whole object in memory; commits and checkpoints are
 * streamed, with temporary files in the spill directory (deleted before the method returns).
 *
 * <p>Every method fails closed: an {@link UnsupportedLogException} (unknown feature, action or format) or another
 * {@link IOException} means the caller must answer 503 and must not serve partial output; {@code out} may hold
 * partial bytes by then, so callers write to a buffer or spill file and serve it only after success.
 */
public final class FilteredLog {
    private final FileFilter filter;
    private final Path spillDir;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param filter   the grant set's file filter
     * @param spillDir an existing directory for temporary files
     */
    public FilteredLog(FileFilter filter, Path spillDir) {
        this.filter = Objects.requireNonNull(filter, "filter");
        this.spillDir = Objects.requireNonNull(spillDir, "spillDir");
    }

    /**
     * Fails unless the engine understands a table's protocol. Each object is checked as it is filtered, but a commit
     * without a {@code protocol} action cannot know the table's; so the server checks the protocol of the table's
     * current snapshot with this before serving any filtered object of its log (503 for the whole log otherwise).
     *
     * @throws UnsupportedLogException naming the first version or feature not understood
     */
    public static void requireSupported(int minReaderVersion, int minWriterVersion, Collection<String> readerFeatures,
                                        Collection<String> writerFeatures) throws UnsupportedLogException {
        FeatureGate.check(minReaderVersion, minWriterVersion, readerFeatures, writerFeatures);
    }

    /** Opens an upstream object of the log by its name under {@code _delta_log/} (e.g. {@code _sidecars/x.parquet}). */
    @FunctionalInterface
    public interface LogObjects {
        /** The caller of {@code open} closes the stream. */
        InputStream open(String name) throws IOException;
    }

    /**
     * Filters a JSON commit {@code N.json}: the reduced {@code commitInfo} first, then {@code protocol},
     * {@code metaData} and the readable files' {@code add}/{@code remove}/{@code cdc} lines, byte for byte, in
     * upstream order. Never empty.
     *
     * @param upstream the commit's bytes; read to the end and closed
     * @param out      receives the filtered commit; not closed
     * @throws UnsupportedLogException for an unknown feature or action, or a malformed line
     */
    public void commit(InputStream upstream, OutputStream out) throws IOException {
        new CommitFilter(filter, spillDir, json).filter(upstream, out);
    }

    /**
     * Builds the one classic checkpoint served for an upstream checkpoint version, from the upstream files of that
     * checkpoint: a single classic file, every part of a multi-part one, or a v2 Parquet manifest (whose sidecars
     * are opened through {@code objects} as {@code _sidecars/<path>}), or a v2 JSON manifest (written with the
     * schema Delta uses for classic checkpoints, or its sidecars' {@code add}/{@code remove} columns).
     *
     * @param parts   the upstream checkpoint's file names under {@code _delta_log/}, all of one version; when the
     *                upstream has several checkpoints of that version, pass the classic one
     * @param objects opens upstream log objects
     * @param out     receives the filtered Parquet file; not closed
     * @return the figures {@link #lastCheckpoint} needs
     * @throws UnsupportedLogException for an unknown feature, action or column, or inconsistent parts
     */
    public FilteredCheckpoint checkpoint(List<String> parts, LogObjects objects, OutputStream out)
            throws IOException {
        long version = checkpointVersion(parts);
        List<Path> temporary = new ArrayList<>();
        Map<String, Path> sidecars = new HashMap<>();
        try {
            List<Path> local = new ArrayList<>();
            for (String part : parts) {
                local.add(track(temporary, Spill.toFile(objects.open(part), spillDir)));
            }
            Path target = track(temporary, Files.createTempFile(spillDir, "checkpoint-", ".parquet"));
            CheckpointFilter.SidecarFiles sidecarFiles = path -> {
                Path known = sidecars.get(path);
                return known != null ? known : openSidecar(path, objects, temporary, sidecars);
            };
            CheckpointFilter.Counts counts = isJson(parts)
                    ? new JsonManifestFilter(filter, spillDir, json).filter(local.getFirst(), sidecarFiles, target)
                    : new CheckpointFilter(filter).filter(local, sidecarFiles, target);
            long size = Files.size(target);
            Files.copy(target, out);
            return new FilteredCheckpoint(version, counts.actions(), counts.addFiles(), size);
        } finally {
            for (Path p : temporary) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Writes {@code _last_checkpoint} for a filtered checkpoint: {@code version}, {@code size} (actions),
     * {@code sizeInBytes} and {@code numOfAddFiles}; no {@code parts}, {@code v2Checkpoint},
     * {@code checkpointSchema}, {@code tags} or {@code checksum} (Spark validates a checksum only when present).
     */
    public void lastCheckpoint(FilteredCheckpoint checkpoint, OutputStream out) throws IOException {
        ObjectNode node = json.createObjectNode()
                .put("version", checkpoint.version())
                .put("size", checkpoint.actions())
                .put("sizeInBytes", checkpoint.sizeInBytes())
                .put("numOfAddFiles", checkpoint.addFiles());
        out.write(json.writeValueAsBytes(node));
    }

    private Path openSidecar(String path, LogObjects objects, List<Path> temporary, Map<String, Path> sidecars)
            throws IOException {
        if (path.isEmpty() || path.contains("/") || path.contains("\\") || path.contains(":")
                || path.startsWith(".")) {
            throw new UnsupportedLogException("sidecar path outside _sidecars/");
        }
        Path local = track(temporary, Spill.toFile(objects.open("_sidecars/" + path), spillDir));
        sidecars.put(path, local);
        return local;
    }

    private static long checkpointVersion(List<String> parts) throws UnsupportedLogException {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no checkpoint parts");
        }
        long version = -1;
        for (String part : parts) {
            LogFile file = LogFile.parse(LogFile.LOG_DIR + part, 0)
                    .orElseThrow(() -> new IllegalArgumentException("not a checkpoint name"));
            if (!(file.kind() instanceof LogFile.Checkpoint cp) || version >= 0 && file.version() != version) {
                throw new IllegalArgumentException("parts of different checkpoints");
            }
            if (cp.json() && parts.size() > 1) {
                throw new IllegalArgumentException("a JSON checkpoint has one part");
            }
            version = file.version();
        }
        return version;
    }

    private static boolean isJson(List<String> parts) {
        return ((LogFile.Checkpoint) LogFile.parse(LogFile.LOG_DIR + parts.getFirst(), 0).orElseThrow().kind()).json();
    }

    private static Path track(List<Path> temporary, Path p) {
        temporary.add(p);
        return p;
    }
}
