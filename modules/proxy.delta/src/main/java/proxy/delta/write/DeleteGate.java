package proxy.delta.write;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import proxy.api.delta.DeleteVerdict;
import proxy.api.delta.FileClass;
import proxy.api.delta.LogNames;
import proxy.api.delta.PartitionValues;
import proxy.api.policy.WriteScope;
import proxy.delta.index.IndexSnapshot;

/**
 * The one place that decides whether a writer may delete a key of a table (VACUUM and Delta's metadata cleanup):
 * <ul>
 *   <li>a data, change-data or deletion-vector file the current snapshot no longer references, whose partition
 *       (for a deletion vector: the partition of every data file whose descriptor names it) a write grant covers;
 *       </li>
 *   <li>for a writer whose grant covers the whole table, a commit, checkpoint (any kind), checksum or log compaction
 *       of versions strictly below the latest checkpoint the index has seen at or below its version, and v2
 *       sidecars that neither that checkpoint nor a newer one names; never {@code _last_checkpoint}, that
 *       checkpoint, later versions or staged commits;</li>
 *   <li>a key outside {@code _delta_log/} that the log does not reference is {@link DeleteVerdict.Kind#UNTRACKED};
 *       everything else is denied.</li>
 * </ul>
 * The reasons go to the audit log only. Stateless and thread-safe.
 */
public final class DeleteGate {
    private static final Pattern COMPACTED = Pattern.compile("_delta_log/\\d{20}\\.(\\d{20})\\.compacted\\.json");

    /**
     * Judges one key.
     *
     * @param snapshot   the newest complete index
     * @param checkpoint   the version of the latest complete checkpoint at or below the snapshot's version, or -1
     * @param sidecarInUse whether a sidecar key may still be needed: named by that checkpoint or a newer one
     */
    public DeleteVerdict judge(String key, IndexSnapshot snapshot, long checkpoint, Predicate<String> sidecarInUse,
                               WriteScope scope) {
        if (scope.isEmpty()) {
            return DeleteVerdict.denied("no write grant on the table");
        }
        if (LogNames.inLog(key)) {
            return logObject(key, checkpoint, sidecarInUse, scope);
        }
        FileClass file = snapshot.classify(key);
        if (file instanceof FileClass.Unknown) {
            return new DeleteVerdict(DeleteVerdict.Kind.UNTRACKED, "a key the log does not reference");
        }
        if (snapshot.referencedNow(key)) {
            return DeleteVerdict.denied("a file the current snapshot references");
        }
        return switch (file) {
            case FileClass.DataFile d -> covered(scope, d.partition(), "data file");
            case FileClass.ChangeData c -> covered(scope, c.partition(), "change-data file");
            case FileClass.DeletionVector dv -> dv.referencedBy().stream()
                    .filter(p -> scope.covering(p.values()) == null).findFirst()
                    .map(p -> DeleteVerdict.denied("a deletion vector also named by a partition outside the write"
                            + " grants"))
                    .orElseGet(() -> DeleteVerdict.allowed("a deletion vector no longer referenced, of partitions "
                            + dv.referencedBy().stream().map(PartitionValues::values).toList()));
            case FileClass.DeltaLog l -> DeleteVerdict.denied("a log object");
            case FileClass.Unknown u -> throw new IllegalStateException("handled above");
        };
    }

    private static DeleteVerdict covered(WriteScope scope, PartitionValues partition, String what) {
        if (scope.covering(partition.values()) == null) {
            return DeleteVerdict.denied("a " + what + " of a partition outside the write grants");
        }
        return DeleteVerdict.allowed("a " + what + " no longer referenced, of partition " + partition.values());
    }

    private static DeleteVerdict logObject(String key, long checkpoint, Predicate<String> sidecarInUse,
                                           WriteScope scope) {
        Optional<LogNames.Name> name = LogNames.parse(key);
        if (name.isEmpty()) {
            return DeleteVerdict.denied("not a protocol file of the log");
        }
        if (!scope.wholeTable()) {
            return DeleteVerdict.denied("log cleanup needs a write grant on the whole table");
        }
        if (name.get().kind() == LogNames.Kind.SIDECAR) {
            return checkpoint < 0 || sidecarInUse.test(key)
                    ? DeleteVerdict.denied("a sidecar the latest checkpoint (" + checkpoint + ") or a newer one may name")
                    : DeleteVerdict.allowed("log cleanup of a sidecar no checkpoint from " + checkpoint + " on names");
        }
        long version = switch (name.get().kind()) {
            case COMMIT, CHECKPOINT, CHECKPOINT_PART, V2_CHECKPOINT_JSON, V2_CHECKPOINT_PARQUET, CHECKSUM ->
                    name.get().version();
            case COMPACTED -> compactedEnd(key);
            case LAST_CHECKPOINT, SIDECAR, STAGED_COMMIT -> -1; // sidecars: above
        };
        if (version < 0) {
            return DeleteVerdict.denied("log cleanup never deletes " + name.get().kind());
        }
        if (checkpoint < 0 || version >= checkpoint) {
            return DeleteVerdict.denied("log object of version " + version + ", not below the latest checkpoint ("
                    + checkpoint + ")");
        }
        return DeleteVerdict.allowed("log cleanup of version " + version + " below checkpoint " + checkpoint);
    }

    /** The last version a compaction covers, or -1. */
    private static long compactedEnd(String key) {
        Matcher m = COMPACTED.matcher(key);
        try {
            return m.matches() ? Long.parseLong(m.group(1)) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
