package proxy.accessdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import proxy.api.config.DatabaseConfig;
import proxy.api.config.Secret;

/**
 * A PostgreSQL database shared by the replicas of a fleet, through the PostgreSQL JDBC driver (called directly, not
 * through {@code DriverManager}). The role and password come from {@code database.user} and
 * {@code PROXY_DATABASE_PASSWORD} or {@code database.passwordFile}, never from the URL. Connections time out
 * ({@value #CONNECT_TIMEOUT_SECONDS} s to connect, {@value #SOCKET_TIMEOUT_SECONDS} s per read), so an unreachable
 * database fails a refresh, and with it fails closed, rather than hanging it.
 *
 * <p>{@code serve} needs only {@code SELECT} on the tables (and {@code LISTEN}, which every role may); the
 * administration commands need {@code INSERT, UPDATE, DELETE}, and the first of them (or {@code migrate}) the right to
 * create tables, a function and triggers in the current schema.
 */
public final class PostgresDatabase implements Database {
    static final int CONNECT_TIMEOUT_SECONDS = 5;
    /**
     * The whole login (TCP, TLS, password exchange, backend start): longer than the connect timeout because a
     * PostgreSQL that several replicas reach at once, on a busy host, took more than 5 s to log one in (fleet test).
     */
    static final int LOGIN_TIMEOUT_SECONDS = 20;
    static final int SOCKET_TIMEOUT_SECONDS = 10;

    private final String jdbcUrl;
    private final Optional<String> user;
    private final Optional<Secret> password;
    private final org.postgresql.Driver driver = new org.postgresql.Driver();

    public PostgresDatabase(DatabaseConfig config) {
        Objects.requireNonNull(config, "config");
        this.jdbcUrl = config.jdbcUrl();
        this.user = config.user();
        this.password = config.password();
    }

    @Override
    public String url() {
        return jdbcUrl;
    }

    @Override
    public Connection openReadOnly() throws SQLException {
        Connection connection = connect();
        connection.setReadOnly(true);
        return connection;
    }

    @Override
    public Connection openReadWrite() throws SQLException {
        Connection connection = connect();
        connection.setAutoCommit(false);
        return connection;
    }

    @Override
    public AutoCloseable watch(Runnable onChange, Duration retryAtMost) {
        return new PostgresChangeFeed(this, onChange, retryAtMost).start();
    }

    /** A plain connection for the change feed's {@code LISTEN}. */
    Connection openListening() throws SQLException {
        return connect();
    }

    private Connection connect() throws SQLException {
        var properties = new Properties();
        user.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p.reveal()));
        properties.setProperty("ApplicationName", "delta-s3-proxy");
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", Integer.toString(LOGIN_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        Connection connection = driver.connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return connection;
    }
}
