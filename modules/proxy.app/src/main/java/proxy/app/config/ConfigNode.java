package proxy.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import proxy.api.config.ConfigException;

/**
 * A JSON node with its dotted key, whose accessors fail with a {@link ConfigException} naming that key; unknown
 * keys go to {@code unknownKeys}.
 */
record ConfigNode(JsonNode json, String key, UnknownKeys unknownKeys) {

    ConfigNode(JsonNode json, String key) {
        this(json, key, UnknownKeys.strict());
    }

    private String child(String name) {
        return key.isEmpty() ? name : key + "." + name;
    }

    Optional<ConfigNode> optional(String name) {
        JsonNode value = object().get(name);
        return value == null ? Optional.empty() : Optional.of(new ConfigNode(value, child(name), unknownKeys));
    }

    ConfigNode required(String name) {
        return optional(name).filter(n -> !n.isNull())
                .orElseThrow(() -> new ConfigException(child(name), "is required"));
    }

    void checkKeys(Set<String> known) {
        object().fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                unknownKeys.found(child(name), name, known);
            }
        });
    }

    Map<String, ConfigNode> fields() {
        var fields = new LinkedHashMap<String, ConfigNode>();
        object().properties().forEach(e ->
                fields.put(e.getKey(), new ConfigNode(e.getValue(), child(e.getKey()), unknownKeys)));
        return fields;
    }

    List<ConfigNode> elements() {
        if (!json.isArray()) {
            throw new ConfigException(key, "must be a list");
        }
        var list = new ArrayList<ConfigNode>();
        for (int i = 0; i < json.size(); i++) {
            list.add(new ConfigNode(json.get(i), key + "[" + i + "]", unknownKeys));
        }
        return list;
    }

    /** Whether a {@code PROXY_*} variable set this key (else config.json did). */
    boolean fromVariable() {
        return unknownKeys.fromVariable(key);
    }

    boolean isNull() {
        return json.isNull();
    }

    boolean isText() {
        return json.isTextual();
    }

    String text() {
        if (!json.isTextual()) {
            throw new ConfigException(key, "must be a string");
        }
        return json.textValue();
    }

    /** A string, number or boolean as text (partition values may be written unquoted). */
    String scalar() {
        if (!json.isValueNode() || json.isNull()) {
            throw new ConfigException(key, "must be a string, number, boolean or null");
        }
        return json.asText();
    }

    int integer() {
        if (!json.isIntegralNumber() || !json.canConvertToInt()) {
            throw new ConfigException(key, "must be an integer");
        }
        return json.intValue();
    }

    long longInteger() {
        if (!json.isIntegralNumber() || !json.canConvertToLong()) {
            throw new ConfigException(key, "must be an integer");
        }
        return json.longValue();
    }

    boolean bool() {
        if (!json.isBoolean()) {
            throw new ConfigException(key, "must be true or false");
        }
        return json.booleanValue();
    }

    private JsonNode object() {
        if (!json.isObject()) {
            throw new ConfigException(key, "must be an object");
        }
        return json;
    }
}
