package proxy.delta.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import proxy.api.delta.PartitionValues;
import proxy.delta.log.ColumnMapping;

/** Tuple ids are stable, and translation redoes only what is new unless the column mapping changed. */
class TupleTableTest {
    private static final String SCHEMA = """
            {"type":"struct","fields":[{"name":"city","type":"string","nullable":true,
            "metadata":{"delta.columnMapping.physicalName":"col-1"}}]}""";

    private final TupleTable table = new TupleTable();

    @Test
    void equalTuplesShareAnIdWhateverTheInstance() {
        Map<String, String> a = Map.of("col-1", "Paris");
        int id = table.idOf(a);
        assertEquals(id, table.idOf(a));
        assertEquals(id, table.idOf(new HashMap<>(a)));
        assertEquals(id + 1, table.idOf(Map.of("col-1", "Oslo")));
        assertEquals(id, table.idOf(a));
    }

    @Test
    void translationIsIncrementalUntilTheMappingChanges() {
        ColumnMapping none = ColumnMapping.none();
        table.idOf(Map.of("col-1", "Paris"));
        PartitionValues[] first = table.translate(none);
        table.idOf(Map.of("col-1", "Oslo"));
        PartitionValues[] second = table.translate(ColumnMapping.none());
        assertSame(first[0], second[0]);
        assertEquals(new PartitionValues(Map.of("col-1", "Oslo")), second[1]);
        assertEquals(1, first.length, "a published array never grows");

        ColumnMapping named = ColumnMapping.of(SCHEMA, Map.of("delta.columnMapping.mode", "name"), new ObjectMapper());
        assertArrayEquals(new PartitionValues[] {new PartitionValues(Map.of("city", "Paris")),
                new PartitionValues(Map.of("city", "Oslo"))}, table.translate(named));
    }
}
