/**
 * The audit log as JSON lines (one object per request, after its response ended) to standard output, standard
 * error or an appended file; never a secret, header or query string.
 */
package proxy.app.audit;
