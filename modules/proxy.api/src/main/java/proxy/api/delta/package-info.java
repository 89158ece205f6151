/**
 * What a table's Delta log says about its keys: the {@link proxy.api.delta.TableIndex} classifies every key under a
 * table root ({@link proxy.api.delta.FileClass}: a log file, a data or change-data file with its
 * {@link proxy.api.delta.PartitionValues}, a deletion vector with the partitions of the files that reference it,
 * or unknown) and is refreshed as commits arrive. Authorization decides from that class alone.
 */
package proxy.api.delta;
