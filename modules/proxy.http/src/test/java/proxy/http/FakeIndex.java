package proxy.http;

import java.util.Map;
import java.util.function.Predicate;
import proxy.api.delta.FileClass;
import proxy.api.delta.PartitionValues;
import proxy.api.delta.TableIndex;

/** A table index that knows nothing; the test authorizer does not consult it. */
final class FakeIndex implements TableIndex {
    @Override
    public FileClass lookup(String key) {
        return FileClass.UNKNOWN;
    }

    @Override
    public boolean anyFileUnder(String prefix, Predicate<PartitionValues> allowed) {
        return false;
    }

    @Override
    public Map<PartitionValues, Long> dataFileCounts() {
        return Map.of();
    }

    @Override
    public long version() {
        return -1;
    }

    @Override
    public void refresh() {
    }

    @Override
    public void close() {
    }
}
