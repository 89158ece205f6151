/**
 * Authorization, deny by default: {@link proxy.api.policy.PartitionGrant}s come from
 * {@link proxy.api.policy.PolicyStore}s (config, the database); the {@link proxy.api.policy.Authorizer} decides
 * per key and per listing ({@link proxy.api.policy.ListingFilter}) and explains each
 * {@link proxy.api.policy.Decision} for the audit log.
 */
package proxy.api.policy;
