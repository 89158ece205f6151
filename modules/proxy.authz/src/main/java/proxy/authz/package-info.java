/**
 * Authorization by partition grants ({@link proxy.authz.PartitionAuthorizer}: deny by default, a key is readable iff
 * the Delta index places it in a partition some grant matches) and, in sub-packages, what it stands on: SigV4
 * authentication ({@code sigv4}), credential stores ({@code credentials}), policy stores ({@code policy}), the SQLite
 * database and its schema ({@code db}) and the administration of principals and grants ({@code admin}).
 */
package proxy.authz;
