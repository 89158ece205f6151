package proxy.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fetches a metrics page over HTTP and reads its samples: {@code name{label="value",...}} to value. */
final class Scrape {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+).*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final HttpClient client;
    private final URI base;

    Scrape(HttpClient client, int port) {
        this.client = client;
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve(path)).header("Accept", accept).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Samples of the Prometheus text format, keyed by name and labels sorted by label name. */
    Map<String, Double> samples() throws IOException, InterruptedException {
        return parse(get("/metrics", "text/plain").body());
    }

    static Map<String, Double> parse(String body) {
        var samples = new HashMap<String, Double>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalStateException("not a sample line: " + line);
            }
            samples.put(key(m.group(1), labels(m.group(3))), Double.parseDouble(m.group(4)));
        }
        return samples;
    }

    /** The key {@link #samples()} uses; {@code labels} alternate name and value. */
    static String key(String name, String... labels) {
        var sorted = new TreeMap<String, String>();
        for (int i = 0; i < labels.length; i += 2) {
            sorted.put(labels[i], labels[i + 1]);
        }
        return key(name, sorted);
    }

    private static String key(String name, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return name;
        }
        var joined = new StringBuilder();
        labels.forEach((k, v) -> joined.append(joined.isEmpty() ? "" : ",").append(k).append("=").append(v));
        return name + "{" + joined + "}";
    }

    private static Map<String, String> labels(String text) {
        var labels = new TreeMap<String, String>();
        if (text != null) {
            Matcher m = LABEL.matcher(text);
            while (m.find()) {
                labels.put(m.group(1), m.group(2));
            }
        }
        return labels;
    }
}
