package proxy.delta.filtered;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

/**
 * Decides, row by row, what a checkpoint row becomes in the filtered checkpoint: each row holds exactly one action
 * (one non-null top-level field). {@code add}/{@code remove}/{@code cdc} rows stay when their file is readable;
 * {@code protocol} (checked by the {@link FeatureGate}), {@code metaData} and {@code checkpointMetadata} stay;
 * {@code txn}, {@code domainMetadata} and {@code commitInfo} go, as in commits; {@code sidecar} rows of a v2
 * manifest are replaced by the kept rows of the sidecars. Any other action fails closed.
 *
 * <p>One instance serves one checkpoint build, on one thread. It remembers the verdict of each distinct
 * partition-values map it has seen (up to {@link #REMEMBERED} of them, then it starts over): a checkpoint has far
 * fewer partitions than rows, and a grant set of many partition maps costs one test per map per row otherwise (the
 * filtered-log benchmark measured 28 % of a 99 %-grant build in the grant test). The verdict is a pure function of
 * the values, so remembering it changes nothing but the time.
 */
final class CheckpointRows {
    /** What happens to one row. */
    enum Verdict {
        KEEP, KEEP_ADD, DROP, SIDECAR
    }

    /** At most this many verdicts are kept (a few MiB at worst); then the memory starts over. */
    static final int REMEMBERED = 16_384;

    private final FileFilter filter;
    private final Map<Map<String, String>, Boolean> verdicts = new HashMap<>();

    CheckpointRows(FileFilter filter) {
        this.filter = filter;
    }

    /**
     * @param sidecarsAllowed whether the row comes from a checkpoint file proper (a sidecar naming sidecars fails)
     * @throws UnsupportedLogException for an unknown action, a row with several actions, or an unknown feature
     */
    Verdict judge(Group row, boolean sidecarsAllowed) throws UnsupportedLogException {
        String action = actionOf(row);
        if (action == null) {
            return Verdict.DROP;
        }
        Group body = row.getGroup(action, 0);
        return switch (action) {
            case "add" -> readable(body) ? Verdict.KEEP_ADD : Verdict.DROP;
            case "remove", "cdc" -> readable(body) ? Verdict.KEEP : Verdict.DROP;
            case "protocol" -> {
                checkProtocol(body);
                yield Verdict.KEEP;
            }
            case "metaData", "checkpointMetadata" -> Verdict.KEEP;
            case "txn", "domainMetadata", "commitInfo" -> Verdict.DROP;
            case "sidecar" -> {
                if (!sidecarsAllowed) {
                    throw new UnsupportedLogException("sidecar naming a sidecar");
                }
                yield Verdict.SIDECAR;
            }
            default -> throw new UnsupportedLogException("checkpoint action '" + action + "'");
        };
    }

    /** The {@code sidecar.path} of a sidecar row. */
    static String sidecarPath(Group row) {
        return row.getGroup("sidecar", 0).getString("path", 0);
    }

    private static String actionOf(Group row) throws UnsupportedLogException {
        String found = null;
        GroupType type = row.getType();
        for (int i = 0; i < type.getFieldCount(); i++) {
            if (row.getFieldRepetitionCount(i) > 0) {
                if (found != null) {
                    throw new UnsupportedLogException("checkpoint row with two actions");
                }
                found = type.getFieldName(i);
            }
        }
        return found;
    }

    private boolean readable(Group file) {
        Map<String, String> values = partitionValues(file);
        Boolean known = verdicts.get(values);
        if (known != null) {
            return known;
        }
        boolean readable = filter.readable(values);
        if (verdicts.size() >= REMEMBERED) {
            verdicts.clear();
        }
        verdicts.put(values, readable);
        return readable;
    }

    /** A {@code partitionValues} map: a MAP group whose one repeated child holds (key, value) entries. */
    private static Map<String, String> partitionValues(Group file) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!file.getType().containsField("partitionValues") || file.getFieldRepetitionCount("partitionValues") == 0) {
            return out;
        }
        Group map = file.getGroup("partitionValues", 0);
        if (map.getType().getFieldCount() == 0) {
            return out;
        }
        for (int i = 0; i < map.getFieldRepetitionCount(0); i++) {
            Group entry = map.getGroup(0, i);
            String value = entry.getFieldRepetitionCount(1) == 0 ? null : entry.getString(1, 0);
            out.put(entry.getString(0, 0), value);
        }
        return out;
    }

    private static void checkProtocol(Group protocol) throws UnsupportedLogException {
        FeatureGate.check(intField(protocol, "minReaderVersion"), intField(protocol, "minWriterVersion"),
                strings(protocol, "readerFeatures"), strings(protocol, "writerFeatures"));
    }

    private static int intField(Group g, String name) {
        return g.getType().containsField(name) && g.getFieldRepetitionCount(name) > 0 ? g.getInteger(name, 0) : -1;
    }

    /** Every string under a list field, whatever the list encoding (3-level or legacy 2-level). */
    private static List<String> strings(Group g, String name) {
        List<String> out = new ArrayList<>();
        if (g.getType().containsField(name) && g.getFieldRepetitionCount(name) > 0) {
            collect(g.getGroup(name, 0), out);
        }
        return out;
    }

    private static void collect(Group g, List<String> out) {
        GroupType type = g.getType();
        for (int f = 0; f < type.getFieldCount(); f++) {
            Type field = type.getType(f);
            for (int i = 0; i < g.getFieldRepetitionCount(f); i++) {
                if (field.isPrimitive()) {
                    out.add(g.getString(f, i));
                } else {
                    collect(g.getGroup(f, i), out);
                }
            }
        }
    }
}
