package proxy.delta.filtered;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import proxy.api.delta.PartitionValues;

/**
 * A test grant set: grants of logical column to value ({@code null} for the null partition), evaluated as DESIGN.md
 * section 5 says: a file is readable iff some grant's every entry equals the file's value; a column the file does not
 * have never matches.
 */
record GrantSet(String name, List<Map<String, String>> grants) {
    GrantSet {
        List<Map<String, String>> copy = new ArrayList<>();
        grants.forEach(g -> copy.add(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(g))));
        grants = List.copyOf(copy);
    }

    static GrantSet of(String name, Map<String, String> grant) {
        return new GrantSet(name, List.of(grant));
    }

    /** Whether a file with these logical partition values is readable. */
    boolean readable(Map<String, String> values) {
        for (Map<String, String> grant : grants) {
            boolean all = true;
            for (var e : grant.entrySet()) {
                if (!values.containsKey(e.getKey()) || !Objects.equals(values.get(e.getKey()), e.getValue())) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    Predicate<PartitionValues> predicate() {
        return p -> readable(p.values());
    }

    @Override
    public String toString() {
        return name;
    }
}
