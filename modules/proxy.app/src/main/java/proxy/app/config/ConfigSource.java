package proxy.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import proxy.api.config.ConfigException;

/**
 * Reads the configuration tree: config.json first, then every {@code PROXY_*} environment variable on top.
 * A variable names a key in upper snake case, nested keys joined by {@code __}: {@code PROXY_METRICS_PORT} is
 * {@code metricsPort}, {@code PROXY_S3__ENDPOINT} is {@code s3.endpoint}. A value is taken as JSON when it parses
 * as JSON, else as a string; the binder then checks its type.
 */
public final class ConfigSource {
    /** The prefix of configuration variables. */
    public static final String ENV_PREFIX = "PROXY_";
    /** Keys that may be given as one string, and the nested key that string stands for. */
    private static final Map<String, String> SHORTHANDS = Map.of("database", "uri", "audit", "destination");
    /**
     * Short names of nested keys: {@code PROXY_SECRETS_KEY} is {@code database.secretsKey},
     * {@code PROXY_DATABASE_USER} and {@code PROXY_DATABASE_PASSWORD} are {@code database.user} and
     * {@code database.password}.
     */
    private static final Map<String, String> ALIASES = Map.of("PROXY_SECRETS_KEY", "PROXY_DATABASE__SECRETS_KEY",
            "PROXY_DATABASE_USER", "PROXY_DATABASE__USER", "PROXY_DATABASE_PASSWORD", "PROXY_DATABASE__PASSWORD");

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * The merged tree and where its keys came from.
     *
     * @param root      config.json with the variables applied
     * @param variables every dotted key a {@code PROXY_*} variable set or created (an object holding a nested
     *                  key included), to the variable's name
     * @param fileFound whether config.json exists (it may be absent when not required)
     */
    public record Tree(ObjectNode root, Map<String, String> variables, boolean fileFound) {
    }

    /**
     * The merged tree.
     *
     * @param file     config.json; may be absent when {@code required} is false
     * @param required whether a missing file is an error
     * @param env      the environment (only {@code PROXY_*} entries are used)
     */
    public ObjectNode read(Path file, boolean required, Map<String, String> env) {
        return load(file, required, env).root();
    }

    /** As {@link #read}, also telling which keys the environment set. */
    public Tree load(Path file, boolean required, Map<String, String> env) {
        boolean found = Files.exists(file);
        ObjectNode root = readFile(file, required);
        var variables = new LinkedHashMap<String, String>();
        new TreeMap<>(env).forEach((variable, value) -> {
            String name = ALIASES.getOrDefault(variable, variable);
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                apply(root, name, value, variables);
            }
        });
        return new Tree(root, Collections.unmodifiableMap(variables), found);
    }

    private ObjectNode readFile(Path file, boolean required) {
        try {
            JsonNode node = mapper.readTree(Files.readString(file));
            if (node == null || !node.isObject()) {
                throw new ConfigException(file.toString(), "must contain one JSON object");
            }
            return (ObjectNode) node;
        } catch (NoSuchFileException missing) {
            if (required) {
                throw new ConfigException(file.toString(), "file not found");
            }
            return mapper.createObjectNode();
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ConfigException(file.toString(), "invalid JSON at line " + loc.getLineNr()
                    + ", column " + loc.getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read: " + e.getMessage());
        }
    }

    private void apply(ObjectNode root, String variable, String value, Map<String, String> variables) {
        String[] parts = variable.substring(ENV_PREFIX.length()).split("__", -1);
        ObjectNode parent = root;
        String previous = "";
        String path = "";
        for (int i = 0; i < parts.length - 1; i++) {
            String key = segment(previous, parts[i], variable);
            previous = key;
            path = path.isEmpty() ? key : path + "." + key;
            JsonNode child = parent.get(key);
            if (child != null && child.isTextual() && SHORTHANDS.containsKey(key)) {
                child = parent.putObject(key).set(SHORTHANDS.get(key), child);
            } else if (child == null || !child.isObject()) {
                child = parent.putObject(key);
                variables.putIfAbsent(path, variable);
            }
            parent = (ObjectNode) child;
        }
        String key = segment(previous, parts[parts.length - 1], variable);
        parent.set(key, parseValue(value));
        variables.put(path.isEmpty() ? key : path + "." + key, variable);
    }

    private JsonNode parseValue(String value) {
        try {
            JsonNode parsed = mapper.readTree(value);
            if (parsed != null && !parsed.isMissingNode()) {
                return parsed;
            }
        } catch (JsonProcessingException notJson) {
            // a plain string, such as a URI
        }
        return mapper.getNodeFactory().textNode(value);
    }

    /** Keys under these maps are table aliases, taken in lower case as written (underscores kept). */
    private static String segment(String parentKey, String part, String variable) {
        if (parentKey.equals("tableMapping") || parentKey.equals("allowedPartitions")) {
            return part.toLowerCase(Locale.ROOT);
        }
        return camel(part, variable);
    }

    /** {@code METRICS_PORT} to {@code metricsPort}; table aliases in variables become lower case. */
    static String camel(String upperSnake, String variable) {
        if (upperSnake.isEmpty()) {
            throw new ConfigException(variable, "has an empty key segment");
        }
        var out = new StringBuilder();
        boolean upperNext = false;
        for (char c : upperSnake.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upperNext = out.length() > 0;
            } else {
                out.append(upperNext ? Character.toUpperCase(c) : c);
                upperNext = false;
            }
        }
        return out.toString();
    }
}
