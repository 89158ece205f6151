package proxy.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import proxy.delta.index.IndexSnapshot;

/** Every transition of {@link IndexState}, as the package documentation draws them, and the ones that cannot be. */
class IndexStateTest {
    private final IndexSnapshot first = IndexSnapshot.empty();
    private final IndexSnapshot newer = IndexSnapshot.empty();
    private final IndexSnapshot folded = IndexSnapshot.empty();

    @Test
    void aNewIndexIsLoadingWithNothingToAnswerFrom() {
        IndexState loading = IndexState.loading();
        assertInstanceOf(IndexState.Loading.class, loading);
        assertNull(loading.snapshot());
        assertFalse(loading.complete());
    }

    @Test
    void aFailedFirstLoadRemembersWhenAndEachRetryThatFailsRenewsIt() {
        IndexState failed = IndexState.loading().readFailed(1_000);
        assertEquals(new IndexState.LoadFailed(1_000), failed);
        assertNull(failed.snapshot());
        IndexState again = failed.readFailed(2_500);
        assertEquals(new IndexState.LoadFailed(2_500), again);
    }

    @Test
    void aFirstLoadWithNothingRetainedServesAtOnce() {
        for (IndexState before : List.of(IndexState.loading(), new IndexState.LoadFailed(1))) {
            IndexState after = before.read(first, false);
            assertEquals(new IndexState.Serving(first), after);
            assertSame(first, after.snapshot());
            assertTrue(after.complete());
        }
    }

    @Test
    void aFirstLoadWithRetainedCommitsPublishesAndFolds() {
        for (IndexState before : List.of(IndexState.loading(), new IndexState.LoadFailed(1))) {
            IndexState after = before.read(first, true);
            assertEquals(new IndexState.Folding(first), after);
            assertFalse(after.complete(), "a not-found waits for the fold");
        }
    }

    @Test
    void aFoldThatSucceedsServesTheFoldedSnapshot() {
        IndexState after = new IndexState.Folding(first).folded(folded);
        assertEquals(new IndexState.Serving(folded), after);
        assertTrue(after.complete());
    }

    @Test
    void aFoldThatFailsKeepsTheSnapshotAndFailsItsNotFoundsClosed() {
        IndexState after = new IndexState.Folding(first).foldFailed();
        assertEquals(new IndexState.FoldFailed(first), after);
        assertSame(first, after.snapshot());
        assertFalse(after.complete());
    }

    @Test
    void aReadAfterAFailedFoldFoldsAgain() {
        assertEquals(new IndexState.Folding(newer), new IndexState.FoldFailed(first).read(newer, true));
    }

    @Test
    void aReadWhileFoldingKeepsFolding() {
        assertEquals(new IndexState.Folding(newer), new IndexState.Folding(first).read(newer, false));
    }

    @Test
    void aRefreshPublishesTheNewerSnapshot() {
        assertEquals(new IndexState.Serving(newer), new IndexState.Serving(first).read(newer, false));
    }

    @Test
    void aFailedRefreshLeavesAPublishedStateAsItIs() {
        for (IndexState published : List.of(new IndexState.Serving(first), new IndexState.Folding(first),
                new IndexState.FoldFailed(first))) {
            assertSame(published, published.readFailed(5_000));
        }
    }

    @Test
    void onlyAFoldingIndexHasAFoldToFinish() {
        for (IndexState other : List.of(IndexState.loading(), new IndexState.LoadFailed(1),
                new IndexState.Serving(first), new IndexState.FoldFailed(first))) {
            assertThrows(IllegalStateException.class, () -> other.folded(folded), other.toString());
            assertThrows(IllegalStateException.class, other::foldFailed, other.toString());
        }
    }

    @Test
    void eachLoadingStateIsItsOwnValueSoReadersCanTellALoadTheyQueuedBehind() {
        IndexState one = IndexState.loading();
        IndexState two = IndexState.loading();
        assertFalse(one == two);
    }
}
