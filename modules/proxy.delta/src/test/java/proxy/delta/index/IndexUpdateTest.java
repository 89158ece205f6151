package proxy.delta.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import proxy.api.delta.FileClass;
import proxy.api.delta.PartitionValues;
import proxy.delta.log.ColumnMapping;
import proxy.delta.log.FileAction;
import proxy.delta.log.TablePaths;

/** How refreshes combine with what the index already holds, across the base and recent layers. */
class IndexUpdateTest {
    private static final String DV = "WYbkwCTB$gH)J7t?$/sK";
    private static final String DV_KEY = "deletion_vector_b6a98cdd-7843-470d-8897-708cdffa38c5.bin";

    private final TupleTable tuples = new TupleTable();
    private final TablePaths paths = new TablePaths(URI.create("s3://b/t/"));

    @Test
    void aLaterAddGivesAPartitionToAFileFirstSeenWithout() {
        IndexSnapshot first = apply(IndexSnapshot.empty(), 0, remove("a/f.parquet", Map.of()), add("a/g.parquet", "1"));
        assertEquals(new FileClass.DataFile(PartitionValues.NONE), first.classify("a/f.parquet"));
        IndexSnapshot second = apply(first, 1, add("a/f.parquet", "2"));
        assertTrue(second.recent().size() > 0, "the refresh went to the recent layer");
        assertEquals(new FileClass.DataFile(pv("2")), second.classify("a/f.parquet"));
        assertEquals(Map.of(pv("1"), 1L, pv("2"), 1L), second.dataFileCounts());
        assertFalse(second.anyFileUnder("a/f", PartitionValues.NONE::equals), "the base entry is shadowed");
        assertTrue(second.anyFileUnder("a/", pv("1")::equals));
    }

    @Test
    void deletionVectorsCollectEveryReferencingPartitionAcrossRefreshes() {
        IndexSnapshot first = apply(IndexSnapshot.empty(), 0, withDv(add("p=1/f.parquet", "1")));
        IndexSnapshot second = apply(first, 1, withDv(add("p=2/g.parquet", "2")));
        var dv = (FileClass.DeletionVector) second.classify(DV_KEY);
        assertEquals(2, dv.referencedBy().size());
        assertTrue(dv.referencedBy().containsAll(List.of(pv("1"), pv("2"))));
        assertTrue(second.anyFileUnder("deletion_vector_", pv("2")::equals));
        assertFalse(second.anyFileUnder("deletion_vector_", pv("3")::equals));
        assertEquals(Map.of(pv("1"), 1L, pv("2"), 1L), second.dataFileCounts(), "deletion vectors are not data");
    }

    @Test
    void aSharedDeletionVectorFileRecordsTheWindowOfEachVectorWithItsPartition() {
        IndexSnapshot first = apply(IndexSnapshot.empty(), 0, withDv(add("p=2/g.parquet", "2"), 43, 34),
                withDv(add("p=1/f.parquet", "1"), 1, 34));
        IndexSnapshot second = apply(first, 1, withDv(remove("p=1/f.parquet", Map.of("p", "1")), 1, 34),
                withDv(add("p=1/f.parquet", "1"), 85, 36), withDv(add("p=3/h.parquet", "3"), 123, -1));
        var dv = (FileClass.DeletionVector) second.classify(DV_KEY);
        assertEquals(List.of(new FileClass.DeletionVector.Window(0, 0, pv("3")),
                new FileClass.DeletionVector.Window(1, 42, pv("1")),
                new FileClass.DeletionVector.Window(43, 42, pv("2")),
                new FileClass.DeletionVector.Window(85, 44, pv("1"))), dv.windows(),
                "sorted by offset; a vector named twice is one window; an unknown size opens nothing");
        assertEquals(List.of(pv("3"), pv("1"), pv("2")), dv.referencedBy());
    }

    @Test
    void changeDataStaysChangeDataAndPartitionsAreInterned() {
        IndexSnapshot s = apply(IndexSnapshot.empty(), 0, add("p=1/f.parquet", "1"),
                new FileAction(FileAction.Type.CDC, "_change_data/p=1/c.parquet", Map.of("p", "1"), Optional.empty()));
        var data = (FileClass.DataFile) s.classify("p=1/f.parquet");
        var cdc = (FileClass.ChangeData) s.classify("_change_data/p=1/c.parquet");
        assertSame(data.partition(), cdc.partition());
    }

    @Test
    void aLargeRecentLayerIsFoldedIntoTheBase() {
        IndexSnapshot s = apply(IndexSnapshot.empty(), 0, add("p=0/first.parquet", "0"));
        FileAction[] many = new FileAction[5000];
        for (int i = 0; i < many.length; i++) {
            many[i] = add("p=1/f" + i + ".parquet", "1");
        }
        s = apply(s, 1, many);
        assertEquals(0, s.recent().size());
        assertEquals(5001, s.base().size());
        assertEquals(new FileClass.DataFile(pv("1")), s.classify("p=1/f4999.parquet"));
        assertEquals(FileClass.UNKNOWN, s.classify("p=1/f5000.parquet"));
    }

    @Test
    void aLargeUpdateIsMergedIntoTheBaseAndCombinedLikeASmallOne() {
        IndexSnapshot s = apply(IndexSnapshot.empty(), 0, remove("a/f.parquet", Map.of()),
                withDv(add("p=1/g.parquet", "1")));
        s = apply(s, 1, add("p=1/k.parquet", "1"));
        assertEquals(1, s.recent().size());
        FileAction[] many = new FileAction[5002];
        for (int i = 0; i < 5000; i++) {
            many[i] = add("p=3/f" + i + ".parquet", "3");
        }
        many[5000] = add("a/f.parquet", "2");
        many[5001] = withDv(add("p=2/h.parquet", "2"));
        s = apply(s, 2, many);
        assertEquals(0, s.recent().size(), "one pass into the base, the recent layer with it");
        assertEquals(new FileClass.DataFile(pv("1")), s.classify("p=1/k.parquet"));
        assertEquals(new FileClass.DataFile(pv("2")), s.classify("a/f.parquet"), "a partition for a file without");
        var dv = (FileClass.DeletionVector) s.classify(DV_KEY);
        assertEquals(2, dv.referencedBy().size());
        assertTrue(dv.referencedBy().containsAll(List.of(pv("1"), pv("2"))));
        assertEquals(5005, s.size());
    }

    @Test
    void keysARefreshDoesNotChangeStayOutOfTheRecentLayer() {
        IndexSnapshot s = apply(IndexSnapshot.empty(), 0, add("p=1/f.parquet", "1"), add("p=1/g.parquet", "1"));
        IndexSnapshot again = apply(s, 1, add("p=1/f.parquet", "1"), remove("p=1/g.parquet", Map.of()),
                add("p=1/h.parquet", "1"));
        assertEquals(2, again.recent().size(), "only the new key and the one whose liveness changed");
        assertEquals(3, again.size());
        assertEquals(new FileClass.DataFile(pv("1")), again.classify("p=1/g.parquet"));
        assertFalse(again.referencedNow("p=1/g.parquet"));
        assertTrue(again.referencedNow("p=1/f.parquet"));
    }

    @Test
    void keysOfSparkStyleFileNamesStayCompact() {
        java.util.Random random = new java.util.Random(7);
        FileAction[] files = new FileAction[100_000];
        for (int i = 0; i < files.length; i++) {
            String date = java.time.LocalDate.of(2024, 1, 1).plusDays(i % 365).toString();
            files[i] = new FileAction(FileAction.Type.ADD, "MIC=XLON/date=" + date + "/part-"
                    + String.format("%05d", random.nextInt(200)) + "-" + new java.util.UUID(random.nextLong(),
                    random.nextLong()) + ".c000.snappy.parquet", Map.of("MIC", "XLON", "date", date), Optional.empty());
        }
        IndexSnapshot s = apply(IndexSnapshot.empty(), 0, files);
        assertEquals(files.length, s.size());
        assertEquals(365, s.partitions().length);
        double bytesPerFile = s.base().footprint() / (double) files.length;
        assertTrue(bytesPerFile < 80, "key bytes per file: " + bytesPerFile);
        long byPartition = java.util.Arrays.stream(s.byTuple()).mapToLong(KeyTable::footprint).sum();
        double listingBytesPerFile = byPartition / (double) files.length;
        System.out.printf("index bytes per file: %.1f keys + %.1f per-partition listing tables%n", bytesPerFile,
                listingBytesPerFile);
        assertTrue(listingBytesPerFile < 80, "per-partition key bytes per file: " + listingBytesPerFile);
    }

    @Test
    void logicalNamesFollowTheLatestMapping() {
        IndexSnapshot s = apply(IndexSnapshot.empty(), 0, add("p=1/f.parquet", "1"));
        String schema = "{\"fields\":[{\"name\":\"region\",\"metadata\":{\"delta.columnMapping.physicalName\":\"p\"}}]}";
        ColumnMapping mapping = ColumnMapping.of(schema, Map.of("delta.columnMapping.mode", "name"),
                new com.fasterxml.jackson.databind.ObjectMapper());
        IndexSnapshot renamed = new IndexUpdate(paths, tuples).applyTo(s, 1, mapping);
        assertEquals(new FileClass.DataFile(new PartitionValues(Map.of("region", "1"))),
                renamed.classify("p=1/f.parquet"));
    }

    private IndexSnapshot apply(IndexSnapshot previous, long version, FileAction... actions) {
        IndexUpdate update = new IndexUpdate(paths, tuples);
        for (FileAction a : actions) {
            update.file(a);
        }
        return update.applyTo(previous, version, ColumnMapping.none());
    }

    private static FileAction add(String path, String p) {
        return new FileAction(FileAction.Type.ADD, path, Map.of("p", p), Optional.empty());
    }

    private static FileAction remove(String path, Map<String, String> values) {
        return new FileAction(FileAction.Type.REMOVE, path, values, Optional.empty());
    }

    private static FileAction withDv(FileAction a) {
        return new FileAction(a.type(), a.path(), a.partitionValues(),
                Optional.of(new FileAction.DeletionVectorRef("u", DV)));
    }

    private static FileAction withDv(FileAction a, int offset, int sizeInBytes) {
        return new FileAction(a.type(), a.path(), a.partitionValues(),
                Optional.of(new FileAction.DeletionVectorRef("u", DV, offset, sizeInBytes)));
    }

    private static PartitionValues pv(String p) {
        return new PartitionValues(Map.of("p", p));
    }
}
