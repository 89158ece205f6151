package proxy.delta;

import io.delta.kernel.defaults.engine.DefaultEngine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import proxy.api.delta.LogNames;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import proxy.delta.io.RetryingStore;
import proxy.delta.io.StoreFileIO;
import proxy.delta.log.ActionReader;
import proxy.delta.log.LogFile;
import proxy.delta.log.LogListing;

/**
 * The latest complete checkpoint of a table at or below an indexed version, and the v2 sidecars it and newer
 * checkpoints name: log cleanup may delete only versions strictly below it and sidecars none of them names, so the index (which needs the commits after its version) and a fresh start (which needs that
 * checkpoint and the commits after it) keep working. Each call lists the log from the last checkpoint found (a
 * checkpoint is never deleted while it is the latest), so it costs the commits since that checkpoint, not the log.
 * Thread-safe; the bound only grows.
 */
final class CheckpointBound {
    private final StoreFileIO fileIO;
    private final ActionReader reader;
    private final AtomicLong known = new AtomicLong(-1);

    CheckpointBound(ObjectStore store) {
        this.fileIO = new StoreFileIO(new RetryingStore(store));
        this.reader = new ActionReader(DefaultEngine.create(fileIO), fileIO);
    }

    /**
     * The version of the newest complete checkpoint at or below {@code indexed} (-1 when there is none), and the
     * sidecars that checkpoint and any newer one name (their manifests are read; the sidecars are not).
     *
     * @throws IOException when the log cannot be listed
     */
    Bound atOrBelow(long indexed) throws IOException {
        long from = Math.max(0, known.get());
        List<LogFile> files = new ArrayList<>();
        for (ObjectMeta meta : fileIO.listDirectory(LogFile.LOG_DIR,
                LogFile.LOG_DIR + String.format("%020d", from))) {
            LogFile.parse(meta.key(), meta.size()).ifPresent(files::add);
        }
        long found = LogListing.of(files.stream().filter(f -> f.version() <= indexed).toList()).latestCheckpoint()
                .map(c -> c.getFirst().version()).orElse(-1L);
        long bound = found < 0 ? (known.get() <= indexed ? known.get() : -1) : known.accumulateAndGet(found, Math::max);
        return new Bound(bound, sidecarsFrom(files, bound));
    }

    /**
     * The latest checkpoint a cleanup must keep, and the sidecars the checkpoints from it on name.
     *
     * @param checkpoint the version of the latest complete checkpoint at or below the indexed version, or -1
     * @param sidecars   keys ({@code _delta_log/_sidecars/<name>}) of the sidecars that the v2 checkpoints at or
     *                   after {@code checkpoint} name; empty when one names an absolute path (then no sidecar may
     *                   be deleted: {@code sidecarsKnown} is false)
     */
    record Bound(long checkpoint, Set<String> sidecars, boolean sidecarsKnown) {
        Bound(long checkpoint, Optional<Set<String>> sidecars) {
            this(checkpoint, sidecars.orElse(Set.of()), sidecars.isPresent());
        }
    }

    /** The sidecars the v2 checkpoints at or after {@code bound} name; empty when one is absolute. */
    private Optional<Set<String>> sidecarsFrom(List<LogFile> files, long bound) throws IOException {
        Set<String> out = new HashSet<>();
        if (bound < 0) {
            return Optional.of(out);
        }
        for (LogFile f : files) {
            var kind = LogNames.parse(f.key()).map(LogNames.Name::kind).orElse(null);
            if (f.version() < bound || (kind != LogNames.Kind.V2_CHECKPOINT_JSON
                    && kind != LogNames.Kind.V2_CHECKPOINT_PARQUET)) {
                continue;
            }
            for (String path : reader.sidecarsOf(List.of(f))) {
                if (path.contains(":") || path.contains("/") || path.contains("%")) { // absolute, or encoded
                    return Optional.empty();
                }
                out.add(LogFile.LOG_DIR + "_sidecars/" + path);
            }
        }
        return Optional.of(out);
    }
}
