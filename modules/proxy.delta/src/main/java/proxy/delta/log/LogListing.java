package proxy.delta.log;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commits and checkpoints of a table's log at or after some version, in version order.
 *
 * @param commits     JSON commits, ascending by version
 * @param checkpoints checkpoint files, ascending by version
 */
public record LogListing(List<LogFile> commits, List<LogFile> checkpoints) {
    public LogListing {
        commits = List.copyOf(commits);
        checkpoints = List.copyOf(checkpoints);
    }

    /** Sorts listed log files into commits and checkpoints. */
    public static LogListing of(List<LogFile> files) {
        List<LogFile> commits = new ArrayList<>();
        List<LogFile> checkpoints = new ArrayList<>();
        for (LogFile f : files) {
            switch (f.kind()) {
                case LogFile.Commit c -> commits.add(f);
                case LogFile.Checkpoint c -> checkpoints.add(f);
            }
        }
        commits.sort(Comparator.comparingLong(LogFile::version));
        checkpoints.sort(Comparator.comparingLong(LogFile::version).thenComparing(LogFile::key));
        return new LogListing(commits, checkpoints);
    }

    /**
     * The files of the newest complete checkpoint: a single-file or v2 checkpoint, or every part of a multi-part
     * one. Empty when the listing has none.
     */
    public Optional<List<LogFile>> latestCheckpoint() {
        Map<String, List<LogFile>> groups = new HashMap<>();
        Optional<List<LogFile>> best = Optional.empty();
        for (LogFile f : checkpoints) {
            var cp = (LogFile.Checkpoint) f.kind();
            String group = f.version() + "/" + cp.parts() + (cp.parts() == 1 ? "/" + f.key() : "");
            List<LogFile> parts = groups.computeIfAbsent(group, g -> new ArrayList<>());
            parts.add(f);
            if (parts.size() == cp.parts() && distinctParts(parts) == cp.parts()
                    && (best.isEmpty() || best.get().getFirst().version() <= f.version())) {
                List<LogFile> sorted = new ArrayList<>(parts);
                sorted.sort(Comparator.comparingInt(p -> ((LogFile.Checkpoint) p.kind()).part()));
                best = Optional.of(List.copyOf(sorted));
            }
        }
        return best;
    }

    /** The highest version any listed file is for, or -1. */
    public long maxVersion() {
        long v = commits.isEmpty() ? -1 : commits.getLast().version();
        for (LogFile f : checkpoints) {
            v = Math.max(v, f.version());
        }
        return v;
    }

    private static long distinctParts(List<LogFile> parts) {
        return parts.stream().mapToInt(p -> ((LogFile.Checkpoint) p.kind()).part()).distinct().count();
    }
}
