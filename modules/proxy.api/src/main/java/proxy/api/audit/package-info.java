/**
 * The audit trail: one {@link proxy.api.audit.AuditEvent} per S3 request, written to an
 * {@link proxy.api.audit.AuditLog} after the response ended. Events carry facts only (principal, operation, key,
 * decision, status), never a secret, signature, header or query string.
 */
package proxy.api.audit;
