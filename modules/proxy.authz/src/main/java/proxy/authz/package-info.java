/**
 * Authorization by partition grants ({@link proxy.authz.PartitionAuthorizer}: deny by default, a key is readable iff
 * the Delta index places it in a partition some grant matches), the grants of the filtered log ({@link
 * proxy.authz.LogGrants}) and, in sub-packages, the policy stores ({@code policy}) and the administration of
 * principals, keys and grants ({@code admin}). Authentication is {@code proxy.auth}'s; the database both read is
 * {@code proxy.accessdb}'s.
 */
package proxy.authz;
