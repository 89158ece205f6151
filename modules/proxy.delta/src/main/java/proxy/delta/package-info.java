/**
 * The {@code delta} table index: reads each table's {@code _delta_log} through the table's own store and answers,
 * per key, what the log says it is.
 *
 * <p>Threads and states: every log read and every publication of a table happens on its one {@link
 * proxy.delta.LogThread}, one task at a time ({@link proxy.delta.IndexPublisher}); readers only read the last
 * {@link proxy.delta.PublishedIndex} (a volatile field) and never wait, except for the first load and for an
 * answer that a key is absent while the retained pre-checkpoint commits are still being folded in
 * ({@link proxy.delta.DeltaTableIndex}). {@link proxy.delta.TableRefresher} turns a checkpoint and commits into
 * snapshots. Sub-packages: {@code index} (the compact immutable key tables), {@code log} (reading and
 * classifying log files), {@code io} (Kernel's file abstraction over an {@link proxy.api.storage.ObjectStore}).
 */
package proxy.delta;
