/**
 * Authorization: the policy stores (config, jdbc), the deny-by-default partition authorizer, the grants
 * of the filtered log, and the administration of the access database (users, keys, grants, secrets).
 */
module proxy.authz {
    requires com.fasterxml.jackson.databind;
    requires java.sql;
    requires org.postgresql.jdbc;
    requires org.xerial.sqlitejdbc;
    requires proxy.accessdb;
    requires proxy.api;

    provides proxy.api.admin.AccessAdminProvider with proxy.authz.admin.SqliteAccessAdminProvider;
    provides proxy.api.policy.AuthorizerProvider with proxy.authz.PartitionAuthorizerProvider;
    provides proxy.api.policy.PolicyStoreProvider with proxy.authz.policy.ConfigPolicyStoreProvider,
            proxy.authz.policy.JdbcPolicyStoreProvider;
}
