package proxy.http;

/**
 * How many requests are being handled, counted by the server itself: from the moment the handler takes an
 * exchange to the moment it returns, whether the response completed, failed or was abandoned by the client.
 * Thread-safe.
 */
final class InFlightRequests {
    private int count;

    synchronized void started() {
        count++;
    }

    synchronized void ended() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    /**
     * Waits until no request is being handled or {@code deadlineNanos} ({@link System#nanoTime()}) has passed.
     *
     * @return whether none is being handled
     */
    synchronized boolean awaitNone(long deadlineNanos) throws InterruptedException {
        while (count > 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
