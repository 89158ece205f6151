package proxy.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import proxy.api.config.DeltaLogMode;
import proxy.api.config.PartitionSpec;
import proxy.api.delta.LogGrant;
import proxy.api.delta.PartitionValues;
import proxy.api.policy.PartitionGrant;

class LogGrantsTest {
    private static PartitionGrant grant(String source, Map<String, String> values) {
        return new PartitionGrant("alice", "trades", new PartitionSpec(values), source);
    }

    @Test
    void passthroughAndWholeTableGrantsReadTheLogAsStored() {
        List<PartitionGrant> partial = List.of(grant("a", Map.of("MIC", "XLON")));
        assertTrue(LogGrants.of(DeltaLogMode.PASSTHROUGH, partial).isEmpty());
        assertTrue(LogGrants.of(DeltaLogMode.FILTERED, List.of(partial.getFirst(), grant("b", Map.of())))
                .isEmpty());
        assertTrue(LogGrants.of(DeltaLogMode.FILTERED, partial).isPresent());
    }

    @Test
    void equalGrantSetsHaveEqualIdsWhateverTheirOrderDuplicatesOrSources() {
        Map<String, String> nullCity = new HashMap<>();
        nullCity.put("city", null);
        LogGrant one = LogGrants.of(DeltaLogMode.FILTERED, List.of(grant("config", Map.of("MIC", "XLON", "d", "1")),
                grant("config", nullCity))).orElseThrow();
        LogGrant two = LogGrants.of(DeltaLogMode.FILTERED, List.of(grant("db#1", nullCity),
                grant("db#2", Map.of("d", "1", "MIC", "XLON")), grant("db#3", nullCity))).orElseThrow();
        assertEquals(one.id(), two.id());
        assertTrue(one.readable().test(new PartitionValues(nullCity)));
        assertFalse(one.readable().test(new PartitionValues(Map.of("city", "null"))));
    }

    @Test
    void differentGrantSetsHaveDifferentIdsEvenWhenValuesHoldSeparators() {
        String a = LogGrants.of(DeltaLogMode.FILTERED, List.of(grant("x", Map.of("k", "v;k=w")))).orElseThrow().id();
        String b = LogGrants.of(DeltaLogMode.FILTERED, List.of(grant("x", Map.of("k", "v", "k=w", "")))).orElseThrow()
                .id();
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        String c = LogGrants.of(DeltaLogMode.FILTERED, List.of(grant("x", nullValue))).orElseThrow().id();
        String d = LogGrants.of(DeltaLogMode.FILTERED, List.of(grant("x", Map.of("k", "-")))).orElseThrow().id();
        assertNotEquals(a, b);
        assertNotEquals(c, d);
    }
}
