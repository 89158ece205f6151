/**
 * Reading a Delta log: which files of {@code _delta_log/} are commits and checkpoints
 * ({@link proxy.delta.log.LogFile}, {@link proxy.delta.log.LogListing}), their file actions
 * ({@link proxy.delta.log.ActionReader}, and a streaming reader for retained commits), and how the paths and
 * partition values they write become store keys and logical partition values
 * ({@link proxy.delta.log.TablePaths}, {@link proxy.delta.log.ColumnMapping},
 * {@link proxy.delta.log.DeletionVectorPaths}).
 */
package proxy.delta.log;
