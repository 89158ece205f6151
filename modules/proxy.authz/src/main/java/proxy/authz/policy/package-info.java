/**
 * Policy stores: grants from config.json ({@code allowedPartitions} for everyone, {@code users[].grants}) and from
 * the database's {@code permissions} table, indexed by principal and table ({@link proxy.authz.policy.GrantsByTable}).
 */
package proxy.authz.policy;
