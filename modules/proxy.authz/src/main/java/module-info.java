/** Authentication (SigV4, none), policy stores (config, jdbc: SQLite or PostgreSQL) and the deny-by-default authorizer. */
module proxy.authz {
    requires proxy.api;
    requires java.sql;
    requires com.fasterxml.jackson.databind;
    requires org.xerial.sqlitejdbc;
    requires org.postgresql.jdbc;

    provides proxy.api.auth.AuthenticatorProvider with proxy.authz.sigv4.SigV4AuthenticatorProvider,
            proxy.authz.NoAuthenticatorProvider;
    provides proxy.api.policy.PolicyStoreProvider with proxy.authz.policy.ConfigPolicyStoreProvider,
            proxy.authz.policy.JdbcPolicyStoreProvider;
    provides proxy.api.policy.AuthorizerProvider with proxy.authz.PartitionAuthorizerProvider;
    provides proxy.api.admin.AccessAdminProvider with proxy.authz.admin.SqliteAccessAdminProvider;
}
