package proxy.delta;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import proxy.delta.io.RetryingStore;
import proxy.delta.io.StoreFileIO;
import proxy.delta.log.LogFile;
import proxy.delta.log.LogListing;

/**
 * The latest complete checkpoint of a table at or below an indexed version: log cleanup may delete only versions
 * strictly below it, so the index (which needs the commits after its version) and a fresh start (which needs that
 * checkpoint and the commits after it) keep working. Each call lists the log from the last checkpoint found (a
 * checkpoint is never deleted while it is the latest), so it costs the commits since that checkpoint, not the log.
 * Thread-safe; the bound only grows.
 */
final class CheckpointBound {
    private final StoreFileIO fileIO;
    private final AtomicLong known = new AtomicLong(-1);

    CheckpointBound(ObjectStore store) {
        this.fileIO = new StoreFileIO(new RetryingStore(store));
    }

    /**
     * The version of the newest complete checkpoint at or below {@code indexed}, or -1 when there is none.
     *
     * @throws IOException when the log cannot be listed
     */
    long atOrBelow(long indexed) throws IOException {
        long from = Math.max(0, known.get());
        List<LogFile> files = new ArrayList<>();
        for (ObjectMeta meta : fileIO.listDirectory(LogFile.LOG_DIR,
                LogFile.LOG_DIR + String.format("%020d", from))) {
            LogFile.parse(meta.key(), meta.size()).filter(f -> f.version() <= indexed).ifPresent(files::add);
        }
        long found = LogListing.of(files).latestCheckpoint().map(c -> c.getFirst().version()).orElse(-1L);
        return found < 0 ? (known.get() <= indexed ? known.get() : -1) : known.accumulateAndGet(found, Math::max);
    }
}
