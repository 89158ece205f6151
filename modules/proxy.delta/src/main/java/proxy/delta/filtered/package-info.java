/**
 * The filtered Delta log engine (served by {@code proxy.delta.served}): turns the upstream objects of
 * {@code _delta_log/} into the log of a smaller, valid Delta table that holds exactly the files one grant set may
 * read (../shared/FILTERED-LOG.md).
 *
 * <p>{@link proxy.delta.filtered.FilteredLog} is the entry: commits are filtered line by line (kept lines copied
 * byte for byte, a reduced {@code commitInfo} first, {@code txn}/{@code domainMetadata} dropped); every upstream
 * checkpoint (classic, multi-part, v2 with a Parquet or JSON manifest and sidecars) becomes one classic Parquet
 * checkpoint with the upstream schema, streamed row by row through parquet-java and written without column
 * statistics; {@code _last_checkpoint} points at it. {@link proxy.delta.filtered.LogView} says which objects exist
 * in the view. {@link proxy.delta.filtered.FeatureGate} fails closed on protocol features the engine does not
 * understand. Output is a pure function of (upstream bytes, {@link proxy.delta.filtered.FileFilter}): no
 * timestamps, no random ids, fixed writer settings, parquet-java 1.18 (deterministic footers across JVMs).
 */
package proxy.delta.filtered;
