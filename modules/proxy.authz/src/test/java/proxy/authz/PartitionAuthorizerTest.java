package proxy.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static proxy.authz.FakeTableIndex.partition;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.Table;
import proxy.api.auth.Principal;
import proxy.api.config.DeltaLogMode;
import proxy.api.config.PartitionSpec;
import proxy.api.delta.PartitionValues;
import proxy.api.policy.Decision;
import proxy.api.policy.ListingFilter;
import proxy.api.policy.PartitionGrant;
import proxy.api.policy.PolicyStore;
import proxy.api.policy.ReadableBytes;
import proxy.api.storage.ByteRange;
import proxy.api.storage.Conditions;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import proxy.authz.RecordingMetrics;

class PartitionAuthorizerTest {
    static final Principal ALICE = new Principal("alice", "AKA");
    static final Principal BOB = new Principal("bob", "AKB");

    final FakeTableIndex index = new FakeTableIndex()
            .data("MIC=XLON/date=2024-01-01/a.parquet", partition("MIC", "XLON", "date", "2024-01-01"))
            .data("MIC=XLON/date=2024-01-02/b.parquet", partition("MIC", "XLON", "date", "2024-01-02"))
            .data("MIC=XPAR/date=2024-01-01/c.parquet", partition("MIC", "XPAR", "date", "2024-01-01"))
            .data("MIC=__HIVE_DEFAULT_PARTITION__/date=2024-01-01/n.parquet", partition("MIC", null, "date", "2024-01-01"))
            .cdc("_change_data/MIC=XLON/cdc-1.parquet", partition("MIC", "XLON", "date", "2024-01-01"))
            .cdc("_change_data/MIC=XPAR/cdc-2.parquet", partition("MIC", "XPAR", "date", "2024-01-01"))
            .deletionVector("deletion_vector_1.bin", List.of(partition("MIC", "XPAR", "date", "2024-01-01"),
                    partition("MIC", "XLON", "date", "2024-01-02")))
            .deletionVector("deletion_vector_2.bin", List.of(partition("MIC", "XPAR", "date", "2024-01-01")));
    final Table trades = new Table("trades", new NoStore(), index);
    final List<PartitionGrant> grants = new ArrayList<>();
    final RecordingMetrics metrics = new RecordingMetrics();
    final PartitionAuthorizer authorizer = new PartitionAuthorizer(
            (principal, table) -> grants.stream().filter(g -> g.table().equals(table))
                    .filter(g -> g.principal().equals("*") || g.principal().equals(principal.name())).toList(),
            DeltaLogMode.PASSTHROUGH, metrics);

    void grant(String principal, Map<String, String> spec) {
        grants.add(new PartitionGrant(principal, "trades", new PartitionSpec(spec), "test#" + grants.size()));
    }

    boolean allowed(Principal p, String key) {
        return authorizer.decideRead(p, trades, key).allowed();
    }

    @Test
    void noGrantDeniesEverythingIncludingTheLog() {
        grant("bob", Map.of());
        assertFalse(authorizer.canSeeTable(ALICE, "trades"));
        Decision d = authorizer.decideRead(ALICE, trades, "_delta_log/00000000000000000000.json");
        assertEquals(Decision.deny("no grant on table"), d);
        assertFalse(allowed(ALICE, "MIC=XLON/date=2024-01-01/a.parquet"));
        ListingFilter f = authorizer.listingFilter(ALICE, trades);
        assertFalse(f.showsPrefix("_delta_log/"));
        assertFalse(f.showsKey("MIC=XLON/date=2024-01-01/a.parquet"));
        assertFalse(f.showsLog());
        assertFalse(f.showsPartition(new PartitionValues(Map.of("MIC", "XLON"))));
        assertEquals(List.of("trades:deny", "trades:deny"), metrics.authorizations);
    }

    @Test
    void theListingFilterShowsGrantedPartitionsAndTheLog() {
        grant("alice", Map.of("MIC", "XLON"));
        ListingFilter f = authorizer.listingFilter(ALICE, trades);
        assertTrue(f.showsLog());
        assertTrue(f.showsPartition(new PartitionValues(Map.of("MIC", "XLON", "date", "2024-01-01"))));
        assertFalse(f.showsPartition(new PartitionValues(Map.of("MIC", "XPAR", "date", "2024-01-01"))));
        assertFalse(f.showsPartition(PartitionValues.NONE));
    }

    @Test
    void singleColumnGrantAllowsOnlyMatchingDataAndChangeDataFiles() {
        grant("alice", Map.of("MIC", "XLON"));
        assertTrue(authorizer.canSeeTable(ALICE, "trades"));
        assertTrue(allowed(ALICE, "_delta_log/00000000000000000003.json"));
        assertTrue(allowed(ALICE, "MIC=XLON/date=2024-01-01/a.parquet"));
        assertTrue(allowed(ALICE, "MIC=XLON/date=2024-01-02/b.parquet"));
        assertFalse(allowed(ALICE, "MIC=XPAR/date=2024-01-01/c.parquet"));
        assertFalse(allowed(ALICE, "MIC=__HIVE_DEFAULT_PARTITION__/date=2024-01-01/n.parquet"));
        assertTrue(allowed(ALICE, "_change_data/MIC=XLON/cdc-1.parquet"));
        assertFalse(allowed(ALICE, "_change_data/MIC=XPAR/cdc-2.parquet"));
        assertEquals("test#0 {MIC=XLON}", authorizer.decideRead(ALICE, trades, "MIC=XLON/date=2024-01-01/a.parquet")
                .reason());
    }

    @Test
    void multiColumnGrantNeedsEveryColumnToMatch() {
        grant("alice", Map.of("MIC", "XLON", "date", "2024-01-02"));
        assertFalse(allowed(ALICE, "MIC=XLON/date=2024-01-01/a.parquet"));
        assertTrue(allowed(ALICE, "MIC=XLON/date=2024-01-02/b.parquet"));
        grant("alice", Map.of("region", "EU"));
        assertFalse(allowed(ALICE, "MIC=XPAR/date=2024-01-01/c.parquet"), "a column the file lacks never matches");
    }

    @Test
    void nullGrantValueMatchesOnlyTheNullPartition() {
        grant("alice", partition("MIC", null));
        assertTrue(allowed(ALICE, "MIC=__HIVE_DEFAULT_PARTITION__/date=2024-01-01/n.parquet"));
        assertFalse(allowed(ALICE, "MIC=XLON/date=2024-01-01/a.parquet"));
    }

    @Test
    void wholeTableGrantAllowsEveryReferencedFileButNeverUnknownKeys() {
        grant("alice", Map.of());
        assertTrue(allowed(ALICE, "MIC=XPAR/date=2024-01-01/c.parquet"));
        assertTrue(allowed(ALICE, "MIC=__HIVE_DEFAULT_PARTITION__/date=2024-01-01/n.parquet"));
        assertTrue(allowed(ALICE, "deletion_vector_2.bin"));
        Decision orphan = authorizer.decideRead(ALICE, trades, "MIC=XLON/date=2024-01-01/orphan.parquet");
        assertEquals(Decision.deny("not referenced by the Delta log"), orphan);
    }

    @Test
    void deletionVectorIsReadableIffSomeReferencingPartitionIs() {
        grant("alice", Map.of("MIC", "XLON"));
        assertTrue(allowed(ALICE, "deletion_vector_1.bin"));
        assertFalse(allowed(ALICE, "deletion_vector_2.bin"));
    }

    @Test
    void aSharedDeletionVectorFileOpensOnlyTheVectorsOfGrantedPartitionsAndTheVersionByte() {
        grant("alice", Map.of("MIC", "XLON"));
        Decision partial = authorizer.decideRead(ALICE, trades, "deletion_vector_1.bin");
        assertTrue(partial.allowed());
        assertEquals(ReadableBytes.only(List.of(new ReadableBytes.Run(0, 1), new ReadableBytes.Run(41, 81))),
                partial.readable());
        assertEquals(List.of(new ReadableBytes.Run(0, 1), new ReadableBytes.Run(41, 81)),
                partial.readable().runs());
    }

    @Test
    void aDeletionVectorFileAllOfWhoseVectorsAreGrantedIsWhollyReadable() {
        grant("bob", Map.of("MIC", "XPAR"));
        assertTrue(authorizer.decideRead(BOB, trades, "deletion_vector_2.bin").readable().whole());
        assertFalse(authorizer.decideRead(BOB, trades, "deletion_vector_1.bin").readable().whole());
        grant("bob", Map.of("MIC", "XLON"));
        Decision both = authorizer.decideRead(BOB, trades, "deletion_vector_1.bin");
        assertTrue(both.allowed() && both.readable().whole());
    }

    @Test
    void everyoneGrantsApplyToAllWhileUserGrantsStayPersonal() {
        grant("*", Map.of("MIC", "XPAR"));
        grant("alice", Map.of("MIC", "XLON"));
        assertTrue(allowed(BOB, "MIC=XPAR/date=2024-01-01/c.parquet"));
        assertFalse(allowed(BOB, "MIC=XLON/date=2024-01-01/a.parquet"));
        assertTrue(allowed(ALICE, "MIC=XPAR/date=2024-01-01/c.parquet"));
        assertTrue(allowed(ALICE, "MIC=XLON/date=2024-01-01/a.parquet"));
    }

    @Test
    void listingShowsOnlyKeysAndPrefixesWithReadableFilesBeneath() {
        grant("alice", Map.of("MIC", "XLON", "date", "2024-01-02"));
        ListingFilter f = authorizer.listingFilter(ALICE, trades);
        assertTrue(f.showsPrefix("_delta_log/"));
        assertTrue(f.showsKey("_delta_log/00000000000000000000.json"));
        assertTrue(f.showsPrefix("MIC=XLON/"));
        assertTrue(f.showsPrefix("MIC=XLON/date=2024-01-02/"));
        assertFalse(f.showsPrefix("MIC=XLON/date=2024-01-01/"));
        assertFalse(f.showsPrefix("MIC=XPAR/"));
        assertTrue(f.showsPrefix("deletion_"), "a deletion vector referenced by a granted file");
        assertFalse(f.showsPrefix("_change_data/"));
        assertTrue(f.showsKey("MIC=XLON/date=2024-01-02/b.parquet"));
        assertFalse(f.showsKey("MIC=XLON/date=2024-01-01/a.parquet"));
        assertFalse(f.showsKey("MIC=XLON/date=2024-01-02/orphan.parquet"));
    }

    @Test
    void policyStoreFailurePropagatesAndNothingIsAllowed() {
        PolicyStore broken = (p, t) -> {
            throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The permissions table cannot be read");
        };
        var failing = new PartitionAuthorizer(PolicyStore.union(List.of((p, t) -> List.of(
                new PartitionGrant("*", "trades", PartitionSpec.WHOLE_TABLE, "config:allowedPartitions")), broken)),
                DeltaLogMode.PASSTHROUGH, metrics);
        for (Runnable call : List.<Runnable>of(
                () -> failing.decideRead(ALICE, trades, "MIC=XLON/date=2024-01-01/a.parquet"),
                () -> failing.canSeeTable(ALICE, "trades"),
                () -> failing.listingFilter(ALICE, trades))) {
            assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, assertThrows(S3Exception.class, call::run).code());
        }
        assertTrue(metrics.authorizations.isEmpty());
    }

    @Test
    void indexFailurePropagates() {
        grant("alice", Map.of());
        index.makeUnavailable();
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, assertThrows(S3Exception.class,
                () -> authorizer.decideRead(ALICE, trades, "MIC=XLON/date=2024-01-01/a.parquet")).code());
        ListingFilter f = authorizer.listingFilter(ALICE, trades);
        assertThrows(S3Exception.class, () -> f.showsPrefix("MIC=XLON/"));
    }

    @Test
    void providerBuildsThePartitionAuthorizer() {
        grant("alice", Map.of("MIC", "XLON"));
        var config = proxy.api.config.ProxyConfig.defaults(Map.of("trades", URI.create("file:/t")));
        var built = new PartitionAuthorizerProvider().create(new proxy.api.policy.AuthorizerContext(
                (p, t) -> authorizerGrants(p, t),
                new proxy.api.ProviderContext(config, java.time.Clock.systemUTC(), metrics)));
        assertTrue(built.decideRead(ALICE, trades, "MIC=XLON/date=2024-01-01/a.parquet").allowed());
        assertFalse(built.decideRead(BOB, trades, "MIC=XLON/date=2024-01-01/a.parquet").allowed());
    }

    private List<PartitionGrant> authorizerGrants(Principal p, String table) {
        return grants.stream().filter(g -> g.principal().equals(p.name())).toList();
    }

    /** The authorizer must never touch the store; every method fails the test if called. */
    private static final class NoStore implements ObjectStore {
        @Override
        public URI root() {
            return URI.create("file:/trades");
        }

        @Override
        public ObjectMeta head(String key) {
            throw new AssertionError("authorizer called the store");
        }

        @Override
        public ObjectContent get(String key, Optional<ByteRange> range, Conditions conditions) {
            throw new AssertionError("authorizer called the store");
        }

        @Override
        public ListPage list(ListQuery query) {
            throw new AssertionError("authorizer called the store");
        }

        @Override
        public Optional<URI> presignGet(String key, Duration lifetime) {
            throw new AssertionError("authorizer called the store");
        }

        @Override
        public void close() {
        }
    }
}
