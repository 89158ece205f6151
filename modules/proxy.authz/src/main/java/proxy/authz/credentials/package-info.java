/**
 * Where access keys resolve to secrets: config users ({@link proxy.authz.credentials.ConfigCredentialStore}) and the
 * database ({@link proxy.authz.credentials.JdbcCredentialStore}, refreshed, failing closed when unreadable), with
 * secrets at rest sealed by AES-256-GCM ({@link proxy.authz.credentials.SecretSealer}).
 */
package proxy.authz.credentials;
