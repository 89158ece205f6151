package proxy.delta.filtered;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import proxy.delta.log.LogFile;

/**
 * Writes the filtered view of a local table the way the server will serve it: every visible {@code _delta_log}
 * object through {@link FilteredLog}, and symbolic links to every other file of the table except the unreadable
 * ones (so a reader that touches a hidden file fails).
 */
final class FilteredTable {
    private FilteredTable() {
    }

    static void write(Path upstream, FileFilter filter, Set<String> unreadableKeys, Path out) throws IOException {
        Path log = out.resolve("_delta_log");
        Files.createDirectories(log);
        Path spill = Files.createDirectories(out.resolveSibling(out.getFileName() + ".spill"));
        FilteredLog engine = new FilteredLog(filter, spill);
        Path upstreamLog = upstream.resolve("_delta_log");
        Map<Long, List<String>> checkpoints = new TreeMap<>();
        for (String name : names(upstreamLog)) {
            Optional<String> shown = LogView.filteredName(name);
            if (shown.isEmpty() || name.equals(LogView.LAST_CHECKPOINT)) {
                continue;
            }
            LogFile file = LogFile.parse(LogFile.LOG_DIR + name, 0).orElseThrow();
            if (file.kind() instanceof LogFile.Commit) {
                try (OutputStream o = Files.newOutputStream(log.resolve(name))) {
                    engine.commit(Files.newInputStream(upstreamLog.resolve(name)), o);
                }
                Files.setLastModifiedTime(log.resolve(name), Files.getLastModifiedTime(upstreamLog.resolve(name)));
            } else {
                checkpoints.computeIfAbsent(file.version(), v -> new ArrayList<>()).add(name);
            }
        }
        Map<Long, FilteredCheckpoint> built = new HashMap<>();
        for (var e : checkpoints.entrySet()) {
            List<String> parts = choose(upstreamLog, e.getKey());
            try (OutputStream o = Files.newOutputStream(log.resolve(LogView.checkpointName(e.getKey())))) {
                built.put(e.getKey(), engine.checkpoint(parts, n -> Files.newInputStream(upstreamLog.resolve(n)), o));
            }
        }
        Path last = upstreamLog.resolve(LogView.LAST_CHECKPOINT);
        if (Files.exists(last)) {
            long version = new ObjectMapper().readTree(last.toFile()).path("version").asLong();
            if (built.containsKey(version)) {
                try (OutputStream o = Files.newOutputStream(log.resolve(LogView.LAST_CHECKPOINT))) {
                    engine.lastCheckpoint(built.get(version), o);
                }
            }
        }
        linkData(upstream, unreadableKeys, out);
    }

    /** Which upstream files of a checkpoint version to filter: the classic one, else all parts, else a v2 one. */
    private static List<String> choose(Path upstreamLog, long version) throws IOException {
        String classic = LogView.checkpointName(version);
        if (Files.exists(upstreamLog.resolve(classic))) {
            return List.of(classic);
        }
        List<String> parts = new ArrayList<>();
        List<String> v2 = new ArrayList<>();
        for (String name : names(upstreamLog)) {
            LogFile.parse(LogFile.LOG_DIR + name, 0).filter(f -> f.version() == version)
                    .filter(f -> f.kind() instanceof LogFile.Checkpoint)
                    .ifPresent(f -> ((((LogFile.Checkpoint) f.kind()).parts() > 1) ? parts : v2).add(name));
        }
        return parts.isEmpty() ? List.of(v2.getFirst()) : parts;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void linkData(Path upstream, Set<String> unreadableKeys, Path out) throws IOException {
        try (Stream<Path> files = Files.walk(upstream)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String key = upstream.relativize(p).toString();
                if (key.startsWith("_delta_log/") || unreadableKeys.contains(key)) {
                    continue;
                }
                Path target = out.resolve(key);
                Files.createDirectories(target.getParent());
                Files.createSymbolicLink(target, p.toAbsolutePath());
            }
        }
    }
}
