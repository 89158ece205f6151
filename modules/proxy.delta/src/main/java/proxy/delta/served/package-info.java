/**
 * Serving the filtered Delta log: {@link proxy.delta.served.FilteredLogStore} is the read-only store a
 * {@link proxy.api.delta.TableIndex#filteredLog} returns, naming objects as {@link proxy.delta.filtered.LogView} does
 * and building their bytes with {@link proxy.delta.filtered.FilteredLog} into the shared, byte-bounded
 * {@link proxy.delta.served.ArtifactCache}. Failures to build are {@code ServiceUnavailable}, never absence.
 */
package proxy.delta.served;
