/**
 * The access database that the credential and policy stores read and the admin commands write:
 * opening it ({@code serve} read-only), its versioned schema and migrations, snapshots re-read every
 * {@code refreshSeconds}, and the sealing of secrets. Exported only to the modules that use it.
 */
module proxy.accessdb {
    requires com.fasterxml.jackson.databind;
    requires java.sql;
    requires org.postgresql.jdbc;
    requires org.xerial.sqlitejdbc;
    requires proxy.api;

    exports proxy.accessdb to proxy.auth, proxy.authz;
}
