package proxy.accessdb;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on {@link Dialect#CHANNEL} over a connection of its own and calls {@code onChange} for every batch of
 * notifications, so a revocation reaches this replica in milliseconds rather than a refresh interval. Also calls it
 * when the subscription is lost (the re-read then fails, and what depends on it fails closed as the store says) and
 * when it is re-established (changes made meanwhile were not announced to it).
 *
 * <p>A lost connection is re-opened with exponential backoff from {@value #FIRST_RETRY_MILLIS} ms up to
 * {@code retryAtMost}; while it is idle, the connection is probed every {@code retryAtMost}, so a silently dead one is
 * noticed. Failures are logged once per outage. The thread is a daemon; {@link #close} stops it.
 */
final class PostgresChangeFeed implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PostgresChangeFeed.class.getName());
    private static final long FIRST_RETRY_MILLIS = 100;
    /** How long one wait for notifications lasts: also how long {@link #close} may take to stop the thread. */
    private static final int POLL_MILLIS = 250;

    private final PostgresDatabase database;
    private final Runnable onChange;
    private final Duration retryAtMost;
    private volatile boolean closed;

    PostgresChangeFeed(PostgresDatabase database, Runnable onChange, Duration retryAtMost) {
        this.database = Objects.requireNonNull(database, "database");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.retryAtMost = Objects.requireNonNull(retryAtMost, "retryAtMost");
    }

    PostgresChangeFeed start() {
        Thread.ofPlatform().daemon().name("postgres-listen").start(this::run);
        return this;
    }

    private void run() {
        long backoff = FIRST_RETRY_MILLIS;
        boolean failing = false;
        boolean everListened = false;
        while (!closed) {
            try (Connection connection = database.openListening()) {
                listen(connection);
                if (failing || everListened) {
                    LOG.log(Level.INFO, "{0}: listening for changes again", database.url());
                    onChange.run();
                }
                failing = false;
                everListened = true;
                backoff = FIRST_RETRY_MILLIS;
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!failing) {
                    LOG.log(Level.WARNING, "{0}: lost the change subscription ({1}); re-reading every refresh"
                            + " interval until it is back", database.url(), e.toString());
                    onChange.run();
                }
                failing = true;
                sleep(backoff);
                backoff = Math.min(backoff * 2, Math.max(FIRST_RETRY_MILLIS, retryAtMost.toMillis()));
            }
        }
    }

    private static void listen(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("LISTEN " + Dialect.CHANNEL);
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long probeNanos = retryAtMost.toNanos();
        long lastProbe = System.nanoTime();
        while (!closed) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                onChange.run();
            } else if (System.nanoTime() - lastProbe >= probeNanos) {
                try (Statement st = connection.createStatement()) {
                    st.execute("SELECT 1");
                }
                lastProbe = System.nanoTime();
            }
        }
    }

    /** Sleeps in short steps, so {@link #close} is noticed without interrupting a re-read in flight. */
    private void sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        try {
            while (!closed && System.nanoTime() < end) {
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /**
     * Stops the thread within about {@value #POLL_MILLIS} ms (after a re-read in flight); it closes its connection
     * itself. Not interrupted: an interrupt would break the driver's I/O midway.
     */
    @Override
    public void close() {
        closed = true;
    }
}
