package proxy.accessdb;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/**
 * The last good value read from a source that changes underneath (a database table), re-read when a reader
 * asks for it and the refresh interval has passed. No background thread: the first reader after the interval
 * reloads (one at a time, others keep reading the current value), so tests drive it with a clock.
 *
 * <p>A failed reload keeps the last good value; while reloads fail, a value older than {@code maxAge} (when given;
 * {@link Duration#ZERO} refuses at the first failed reload) is refused with {@code ServiceUnavailable}, as is asking
 * before any load ever succeeded. The next successful reload serves again. Failures are logged once per outage.
 *
 * @param <T> the immutable snapshot type
 */
public final class RefreshingSnapshot<T> {
    private static final System.Logger LOG = System.getLogger(RefreshingSnapshot.class.getName());

    /** Reads a fresh value. */
    @FunctionalInterface
    public interface Loader<T> {
        /** @throws Exception any failure; the last good value stays */
        T load() throws Exception;
    }

    private record State<T>(T value, Instant loadedAt, Instant attemptedAt, boolean failing) {
    }

    private final String name;
    private final Loader<T> loader;
    private final Duration interval;
    private final Optional<Duration> maxAge;
    private final Clock clock;
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile State<T> state = new State<>(null, Instant.MIN, Instant.MIN, false);

    /**
     * @param name     what is read, for logs and the client-safe error message, e.g. {@code permissions table}
     * @param interval the least time between two reads
     * @param maxAge   how old the last good value may grow while reads fail; {@link Duration#ZERO} to refuse as
     *                 soon as a read fails (fail closed); empty to keep it forever
     */
    public RefreshingSnapshot(String name, Loader<T> loader, Duration interval, Optional<Duration> maxAge,
                              Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The current value, reloading first when due.
     *
     * @throws S3Exception {@code ServiceUnavailable} when no load ever succeeded or the value is too old
     */
    public T current() {
        Instant now = clock.instant();
        State<T> s = state;
        if (!now.isBefore(s.attemptedAt().plus(interval)) && reloading.tryLock()) {
            try {
                s = reload(now);
            } finally {
                reloading.unlock();
            }
        }
        if (s.value() == null) {
            throw unavailable();
        }
        if (s.failing() && maxAge.isPresent() && now.isAfter(s.loadedAt().plus(maxAge.get()))) {
            throw unavailable();
        }
        return s.value();
    }

    /** Loads now regardless of the interval (at startup); failures are logged, not thrown. */
    public void refreshNow() {
        reloading.lock();
        try {
            reload(clock.instant());
        } finally {
            reloading.unlock();
        }
    }

    private State<T> reload(Instant now) {
        State<T> old = state;
        State<T> next;
        try {
            T value = Objects.requireNonNull(loader.load(), "loaded value");
            next = new State<>(value, now, now, false);
            if (old.failing()) {
                LOG.log(Level.INFO, "{0}: readable again", name);
            }
        } catch (Exception e) {
            next = new State<>(old.value(), old.loadedAt(), now, true);
            if (!old.failing()) {
                LOG.log(Level.WARNING, "{0}: cannot be read ({1}); {2}", name, e.toString(),
                        old.value() == null ? "refusing what depends on it" : "keeping the last good copy");
            }
        }
        state = next;
        return next;
    }

    private S3Exception unavailable() {
        return new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The " + name + " cannot be read; try again later");
    }
}
