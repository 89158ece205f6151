package proxy.app;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop that ends with exit code 0.
 *
 * <p>Why handle the signals instead of relying on a shutdown hook alone: a JVM that stops because of SIGTERM runs
 * its hooks and then exits with 143 (128 + 15) whatever they do, and orchestrators (systemd, Kubernetes, Docker)
 * report that as a failure of a service that in fact stopped cleanly. The alternatives are worse: calling
 * {@code Runtime.halt(0)} at the end of a hook races the JVM's other hooks (the logging system's reset among
 * them) and skips those that had not run. {@code sun.misc.Signal} (module {@code jdk.unsupported}, in the image) is
 * the long-standing, still-supported way for an application to take over a signal: the JVM then does not begin its
 * own shutdown, the waiting {@code serve} thread stops the server, and {@code main} exits 0 through the normal
 * {@code System.exit} path with every hook run.
 *
 * <p>A second signal while stopping changes nothing. Where a signal cannot be taken over (the JVM reserves it, for
 * example with {@code -Xrs}), a warning is logged and the JVM's default applies: the shutdown hook {@code serve} also
 * installs still stops the server gracefully, only the exit code is then 143.
 */
final class StopSignals {
    private static final System.Logger LOG = System.getLogger(StopSignals.class.getName());
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private final CountDownLatch requested = new CountDownLatch(1);

    /** Handles SIGTERM and SIGINT from now on by releasing {@link #await()}. */
    StopSignals install() {
        for (String name : SIGNALS) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.log(Level.INFO, "received SIG{0}: stopping", signal.getName());
                    requested.countDown();
                });
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "cannot handle SIG{0} ({1}); the JVM default applies", name, e.getMessage());
            }
        }
        return this;
    }

    /** Releases {@link #await()} as a signal would (a shutdown hook that saw the JVM stopping calls it). */
    void request() {
        requested.countDown();
    }

    /** Blocks until a stop is requested. */
    void await() throws InterruptedException {
        requested.await();
    }

    /**
     * Runs {@code action} once, whichever of the signal path and the shutdown hook gets there first; a second
     * caller waits until the first run has finished (so a hook never lets the JVM halt in the middle of a stop).
     */
    static Runnable once(Runnable action) {
        Objects.requireNonNull(action, "action");
        return new Runnable() {
            private boolean done;

            @Override
            public synchronized void run() {
                if (!done) {
                    done = true;
                    action.run();
                }
            }
        };
    }
}
