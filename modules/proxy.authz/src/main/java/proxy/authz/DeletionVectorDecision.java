package proxy.authz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import proxy.api.delta.FileClass;
import proxy.api.delta.PartitionValues;
import proxy.api.policy.Decision;
import proxy.api.policy.PartitionGrant;
import proxy.api.policy.ReadableBytes;

/**
 * Who may read which bytes of a deletion-vector file. One file may hold the vectors of data files of several
 * partitions (Spark writes one file per DELETE/UPDATE/MERGE task), so a grant opens only the windows of the vectors
 * its data files reference, plus the file's 1-byte format version: the whole file iff every window is readable,
 * else only those runs (ranged reads), else nothing.
 */
final class DeletionVectorDecision {
    /** The format-version byte every deletion-vector file starts with (PROTOCOL.md, "Deletion Vector Format"). */
    private static final ReadableBytes.Run VERSION = new ReadableBytes.Run(0, 1);

    private DeletionVectorDecision() {
    }

    /**
     * @param grantOf  the first grant matching a partition, or null
     * @param describe how a grant is named in the reason
     */
    static Decision of(FileClass.DeletionVector file, Function<PartitionValues, PartitionGrant> grantOf,
                       Function<PartitionGrant, String> describe) {
        Map<PartitionValues, Optional<PartitionGrant>> grants = new HashMap<>(); // one match per partition
        List<ReadableBytes.Run> runs = new ArrayList<>();
        PartitionGrant first = null;
        boolean all = true;
        for (FileClass.DeletionVector.Window w : file.windows()) {
            Optional<PartitionGrant> grant = grants.computeIfAbsent(w.partition(),
                    v -> Optional.ofNullable(grantOf.apply(v)));
            if (grant.isEmpty()) {
                all = false;
                continue;
            }
            first = first == null ? grant.get() : first;
            runs.add(new ReadableBytes.Run(w.offset(), w.end()));
        }
        if (first == null) {
            return Decision.deny("deletion vector referenced by no granted data file");
        }
        String reason = "deletion vector via " + describe.apply(first);
        if (all) {
            return Decision.allow(reason);
        }
        runs.add(VERSION);
        return Decision.allowOnly(reason + " (only the vectors of granted partitions)", ReadableBytes.only(runs));
    }
}
