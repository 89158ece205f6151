/**
 * Authentication: SigV4 (header and presigned) and {@code none}, over the credential stores (config
 * users, the access database).
 */
module proxy.auth {
    requires com.fasterxml.jackson.databind;
    requires java.sql;
    requires org.postgresql.jdbc;
    requires org.xerial.sqlitejdbc;
    requires proxy.accessdb;
    requires proxy.api;
    requires proxy.sigv4;

    provides proxy.api.auth.AuthenticatorProvider with proxy.auth.NoAuthenticatorProvider,
            proxy.auth.sigv4.SigV4AuthenticatorProvider;
}
