/**
 * The {@code sqlite} {@link proxy.api.admin.AccessAdmin}: creates and migrates the database, adds, disables and
 * rotates principals (keys generated here, secrets sealed before they are stored) and manages grants.
 */
package proxy.authz.admin;
