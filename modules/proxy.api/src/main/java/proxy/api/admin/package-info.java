/**
 * Administration of database principals and grants without SQL: the operations behind the {@code users},
 * {@code grants} and {@code secrets} commands ({@link proxy.api.admin.AccessAdmin}), provided by the module that owns
 * the database schema. {@code serve} never uses it: it only reads the database.
 */
package proxy.api.admin;
