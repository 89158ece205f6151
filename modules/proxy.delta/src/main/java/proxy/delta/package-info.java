/**
 * The {@code delta} table index: reads each table's {@code _delta_log} through the table's own store and answers,
 * per key, what the log says it is.
 *
 * <p>Threads: every log read and every publication of a table happens on its one {@link proxy.delta.LogThread},
 * one task at a time, queued by {@link proxy.delta.IndexPublisher} (the one class that changes an index, and holds
 * its one lock); readers ({@link proxy.delta.DeltaTableIndex}) only read the published
 * {@link proxy.delta.IndexState} and never wait, except for the first load and for an answer that a key is absent
 * while the retained pre-checkpoint commits are still being folded in. {@link proxy.delta.TableRefresher} turns a
 * checkpoint and commits into snapshots.
 *
 * <p>States of one table's index ({@link proxy.delta.IndexState}). A "read" is the first load or a refresh;
 * "retained" means the first load's checkpoint covers commits still in the log, whose files are folded in
 * afterwards, on the log thread:
 * <pre>
 *            read fails
 *   Loading ───────────► LoadFailed ◄─┐ read fails (a reader retries at most once per second)
 *      │                    │    └────┘
 *      └──────┬─────────────┘
 *             │ read ok                      read ok
 *             ├─ none retained ──────────► Serving ◄─┐ (newer snapshot; a failed read leaves it)
 *             │                               ▲   └──┘
 *             └─ retained ──► Folding ─ fold ok ┘
 *                (fold queued)  │   ▲
 *                     fold fails│   │ read ok (fold queued again)
 *                               ▼   │
 *                             FoldFailed
 * </pre>
 * What each state answers: Loading and LoadFailed have no snapshot and answer {@code ServiceUnavailable} (fail
 * closed); Folding, FoldFailed and Serving answer a key that is in the snapshot at once; a "not found" is final in
 * Serving, waits for the fold in Folding, and fails closed in FoldFailed. {@code IndexStateTest} proves each
 * transition, {@code DeltaTableIndexTest} and {@code RetainedCommitFoldTest} the answers under concurrent readers.
 *
 * <p>Sub-packages: {@code index} (the compact immutable key tables), {@code log} (reading and classifying log
 * files), {@code io} (Kernel's file abstraction over an {@link proxy.api.storage.ObjectStore}), {@code served} (the
 * filtered log objects served to clients).
 */
package proxy.delta;
