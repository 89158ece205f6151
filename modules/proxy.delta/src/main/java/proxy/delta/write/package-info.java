/**
 * Partition-scoped writes: {@link proxy.delta.write.CommitGate} judges a commit a writer sends against its write
 * grants and the index of the version it follows.
 */
package proxy.delta.write;
