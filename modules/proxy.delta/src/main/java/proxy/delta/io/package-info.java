/**
 * How the log reader reaches bytes: Delta Kernel's file system abstraction implemented on one table's
 * {@link proxy.api.storage.ObjectStore} (no Hadoop file system, no hadoop-aws), with seekable ranged reads for
 * Parquet checkpoints and retries of transient backend failures ({@link proxy.delta.io.RetryingStore}).
 */
package proxy.delta.io;
