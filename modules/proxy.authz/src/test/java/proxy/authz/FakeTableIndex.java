package proxy.authz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.delta.FileClass;
import proxy.api.delta.FileCursor;
import proxy.api.delta.PartitionValues;
import proxy.api.delta.TableIndex;

/** A hand-written index: keys classified up front; can be made unavailable like a log never read. */
final class FakeTableIndex implements TableIndex {
    private final Map<String, FileClass> files = new LinkedHashMap<>();
    private boolean unavailable;

    FakeTableIndex data(String key, Map<String, String> partition) {
        files.put(key, new FileClass.DataFile(new PartitionValues(partition)));
        return this;
    }

    FakeTableIndex cdc(String key, Map<String, String> partition) {
        files.put(key, new FileClass.ChangeData(new PartitionValues(partition)));
        return this;
    }

    /** A deletion-vector file whose i-th vector, {@code [1 + 40 i, 41 + 40 i)}, belongs to the i-th partition. */
    FakeTableIndex deletionVector(String key, List<Map<String, String>> referencedBy) {
        List<FileClass.DeletionVector.Window> windows = new ArrayList<>();
        for (int i = 0; i < referencedBy.size(); i++) {
            windows.add(new FileClass.DeletionVector.Window(1 + 40L * i, 40,
                    new PartitionValues(referencedBy.get(i))));
        }
        files.put(key, new FileClass.DeletionVector(windows));
        return this;
    }

    void makeUnavailable() {
        unavailable = true;
    }

    /** A partition map that allows null values. */
    static Map<String, String> partition(String... columnValuePairs) {
        var map = new HashMap<String, String>();
        for (int i = 0; i < columnValuePairs.length; i += 2) {
            map.put(columnValuePairs[i], columnValuePairs[i + 1]);
        }
        return map;
    }

    @Override
    public FileClass lookup(String key) {
        check();
        if (key.startsWith("_delta_log/")) {
            return FileClass.DELTA_LOG;
        }
        return files.getOrDefault(key, FileClass.UNKNOWN);
    }

    @Override
    public boolean anyFileUnder(String prefix, Predicate<PartitionValues> allowed) {
        check();
        return files.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).anyMatch(e -> switch (e.getValue()) {
            case FileClass.DataFile d -> allowed.test(d.partition());
            case FileClass.ChangeData c -> allowed.test(c.partition());
            case FileClass.DeletionVector dv -> dv.referencedBy().stream().anyMatch(allowed);
            case FileClass.DeltaLog l -> false;
            case FileClass.Unknown u -> false;
        });
    }

    @Override
    public FileCursor files(String prefix, Optional<String> startAfter, Predicate<PartitionValues> allowed) {
        throw new UnsupportedOperationException("the authorizer never lists files");
    }

    @Override
    public Map<PartitionValues, Long> dataFileCounts() {
        check();
        return Map.of();
    }

    @Override
    public long version() {
        return unavailable ? -1 : 3;
    }

    @Override
    public void refresh() {
        check();
    }

    @Override
    public void close() {
    }

    private void check() {
        if (unavailable) {
            throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "the Delta log has not been read");
        }
    }
}
