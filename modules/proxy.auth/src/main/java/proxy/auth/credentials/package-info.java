/**
 * Where access keys resolve to secrets: config users ({@link proxy.auth.credentials.ConfigCredentialStore}) and the
 * database ({@link proxy.auth.credentials.JdbcCredentialStore}, refreshed, failing closed when unreadable), with
 * secrets at rest sealed by AES-256-GCM ({@link proxy.accessdb.SecretSealer}).
 */
package proxy.auth.credentials;
