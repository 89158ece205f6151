package proxy.authz;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import proxy.api.metrics.ProxyMetrics;

/** A metrics sink that remembers the events this module reports. */
public final class RecordingMetrics implements ProxyMetrics {
    public final List<String> authenticationFailures = new CopyOnWriteArrayList<>();
    public final List<String> cacheAccesses = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();

    @Override
    public void authenticationFailure(String reason) {
        authenticationFailures.add(reason);
    }

    @Override
    public void cacheAccess(String cache, boolean hit) {
        cacheAccesses.add(cache + (hit ? ":hit" : ":miss"));
    }

    @Override
    public void authorization(String table, boolean allowed) {
        authorizations.add(table + (allowed ? ":allow" : ":deny"));
    }
}
