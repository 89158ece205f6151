package proxy.delta.filtered;

import java.util.Collection;
import java.util.Set;

/**
 * The protocols the filter understands. Every reader and writer feature listed here either does not change what a
 * file action means, or is handled by the filter (column mapping: partition values are translated; deletion
 * vectors: the vector travels with its file's action; v2 checkpoints: rewritten as classic ones). Anything else
 * (catalog-managed tables, new checkpoint formats, future features) fails closed, so no best-effort view is ever
 * served.
 */
final class FeatureGate {
    static final int MAX_READER_VERSION = 3;
    static final int MAX_WRITER_VERSION = 7;
    static final Set<String> READER_FEATURES = Set.of("columnMapping", "deletionVectors", "timestampNtz",
            "v2Checkpoint", "vacuumProtocolCheck", "typeWidening", "typeWidening-preview", "variantType",
            "variantType-preview");
    static final Set<String> WRITER_FEATURES = Set.of("appendOnly", "invariants", "checkConstraints",
            "changeDataFeed", "generatedColumns", "columnMapping", "identityColumns", "deletionVectors", "rowTracking",
            "timestampNtz", "domainMetadata", "v2Checkpoint", "icebergCompatV1", "icebergCompatV2", "clustering",
            "vacuumProtocolCheck", "inCommitTimestamp", "typeWidening", "typeWidening-preview", "variantType",
            "variantType-preview", "allowColumnDefaults", "checkpointProtection");

    private FeatureGate() {
    }

    /**
     * Checks one {@code protocol} action.
     *
     * @throws UnsupportedLogException naming the first version or feature not understood
     */
    static void check(int minReader, int minWriter, Collection<String> readerFeatures,
                      Collection<String> writerFeatures) throws UnsupportedLogException {
        if (minReader < 1 || minReader > MAX_READER_VERSION) {
            throw new UnsupportedLogException("reader version " + minReader);
        }
        if (minWriter < 1 || minWriter > MAX_WRITER_VERSION) {
            throw new UnsupportedLogException("writer version " + minWriter);
        }
        for (String f : readerFeatures) {
            if (!READER_FEATURES.contains(f)) {
                throw new UnsupportedLogException("reader feature '" + f + "'");
            }
        }
        for (String f : writerFeatures) {
            if (!WRITER_FEATURES.contains(f)) {
                throw new UnsupportedLogException("writer feature '" + f + "'");
            }
        }
    }
}
