package proxy.delta;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one platform thread that reads a table's log. Tasks run one at a time, in the order they were queued, so a
 * task sees everything the tasks queued before it did. {@link DeltaTableIndex} explains why the log is never read
 * on the caller's (often virtual) thread.
 */
final class LogThread implements AutoCloseable {
    private final ExecutorService executor;

    LogThread(String alias) {
        Objects.requireNonNull(alias, "alias");
        this.executor = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("delta-log-" + alias).factory());
    }

    /** Work for the log thread. */
    @FunctionalInterface
    interface Task<T> {
        T run() throws IOException;
    }

    /**
     * Runs a task after those queued before it and waits for its result.
     *
     * @throws IOException the task's, or when the caller is interrupted (the task is cancelled) or the thread is
     *                     closed before the task ran
     */
    <T> T call(Task<T> task) throws IOException {
        Future<T> result;
        try {
            result = executor.submit(task::run);
        } catch (RejectedExecutionException e) {
            throw new IOException("the table's log reader is closed", e);
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the Delta log", e);
        } catch (CancellationException e) {
            throw new IOException("the table's log reader is closed", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                case Throwable other -> throw new IOException(other);
            }
        }
    }

    /**
     * Queues a task without waiting for it; the task handles its own failures.
     *
     * @throws RejectedExecutionException when the thread is closed
     */
    void queue(Runnable task) {
        executor.execute(task);
    }

    /** Interrupts the running task and cancels the queued ones, so that no caller waits for them forever. */
    @Override
    public void close() {
        for (Runnable queued : executor.shutdownNow()) {
            if (queued instanceof Future<?> future) {
                future.cancel(false);
            }
        }
    }
}
