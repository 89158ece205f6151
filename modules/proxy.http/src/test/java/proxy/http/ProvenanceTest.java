package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import proxy.api.config.Secret;

class ProvenanceTest {
    private final Provenance provenance = new Provenance(new Secret("provenance-test-key-0123456789abcdef"));

    @Test
    void aCommitRecordNamesItsWriterForItsTableAndKeyOnly() {
        String key = "_delta_log/00000000000000000007.json";
        Map<String, String> record = provenance.commitRecord("trades", key, "alice");
        assertEquals(Optional.of("alice"), provenance.committer("trades", key, record));
        assertEquals(Optional.empty(), provenance.committer("trades", "_delta_log/00000000000000000008.json", record));
        assertEquals(Optional.empty(), provenance.committer("trips", key, record));
        var forged = new HashMap<>(record);
        forged.put(Provenance.WRITER, "Ym9i");
        assertEquals(Optional.empty(), provenance.committer("trades", key, forged), "another writer's name");
    }

    @Test
    void aCommitRecordAndADataFileRecordNeverPassForEachOther() {
        String key = "MIC=XLON/part-0.parquet";
        assertEquals(Optional.empty(), provenance.verify("trades", key, provenance.commitRecord("trades", key,
                "alice")));
        assertEquals(Optional.empty(), provenance.committer("trades", key, provenance.record("trades", key,
                "alice")));
        var withoutPartition = new HashMap<>(provenance.record("trades", key, "alice"));
        withoutPartition.remove(Provenance.PARTITION);
        assertEquals(Optional.empty(), provenance.committer("trades", key, withoutPartition));
    }
}
