package proxy.bench.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of the filtered-log benchmark's proxies: two tables on the {@code file} store ({@code big}, the
 * 1,000,000-file table, and {@code commits}, the 10,000-commit one), SigV4, and one user per grant set. The
 * partition {@code MIC} has 100 values in both tables, so one MIC is 1 % of the partitions.
 */
final class BenchProxyConfig {
    static final String BUCKET = "datalake";
    static final String BIG = "big";
    static final String COMMITS = "commits";

    /** A user of the benchmark: its keys and the MIC values it is granted ({@code null}: {@code {}}, all). */
    record Principal(String name, String accessKey, String secretKey, List<String> mics) {
        static Principal mics(String name, int from, int to) {
            List<String> mics = new ArrayList<>();
            for (int m = from; m < to; m++) {
                mics.add("X%03d".formatted(m));
            }
            return new Principal(name, key(name), "secret-of-" + name, mics);
        }

        static Principal full(String name) {
            return new Principal(name, key(name), "secret-of-" + name, null);
        }

        private static String key(String name) {
            return ("BENCH" + name.toUpperCase() + "00000000000000000000").substring(0, 20);
        }

        List<Map<String, Object>> grants() {
            if (mics == null) {
                return List.of(Map.of());
            }
            return mics.stream().<Map<String, Object>>map(m -> Map.of("MIC", m)).toList();
        }
    }

    /** 1 % of the partitions (one MIC of 100). */
    static final Principal P1 = Principal.mics("p1", 0, 1);
    /** 99 % of the partitions. */
    static final Principal P99 = Principal.mics("p99", 1, 100);
    /** A {@code {}} grant: reads the upstream bytes in both modes. */
    static final Principal FULL = Principal.full("full");
    /** JIT warm-up principals, grant sets of their own (so the measured principals' artifacts stay cold). */
    static final Principal WARM_A = Principal.mics("warma", 0, 50);
    static final Principal WARM_B = Principal.mics("warmb", 50, 100);
    static final List<Principal> ALL = List.of(P1, P99, FULL, WARM_A, WARM_B);

    private BenchProxyConfig() {
    }

    /**
     * @param deltaLog   {@code filtered} or {@code passthrough}
     * @param cacheBytes {@code filteredLogCacheBytes}: large enough that warm loads are cache hits
     */
    static String json(int port, int metricsPort, Path big, Path commits, String deltaLog, long cacheBytes) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("bindAddress", "127.0.0.1");
        c.put("port", port);
        c.put("metricsPort", metricsPort);
        c.put("bucket", BUCKET);
        c.put("tableMapping", Map.of(BIG, "file:" + big.toAbsolutePath(), COMMITS, "file:" + commits.toAbsolutePath()));
        c.put("readOnly", true);
        c.put("getMode", "proxy");
        c.put("deltaLog", deltaLog);
        c.put("filteredLogCacheBytes", cacheBytes);
        c.put("metadataRefreshSeconds", 3600);
        c.put("shutdownGraceSeconds", 0);
        c.put("audit", "off");
        c.put("auth", Map.of("mode", "sigv4", "region", "us-east-1"));
        List<Map<String, Object>> users = new ArrayList<>();
        for (Principal p : ALL) {
            users.add(Map.of("name", p.name(), "accessKey", p.accessKey(), "secretKey", p.secretKey(),
                    "grants", Map.of(BIG, p.grants(), COMMITS, p.grants())));
        }
        c.put("users", users);
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
