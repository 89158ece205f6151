package proxy.delta.write;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.delta.CommitCheck;
import proxy.api.delta.FileClass;
import proxy.api.delta.LogNames;
import proxy.delta.log.ColumnMapping;
import proxy.delta.log.DeletionVectorPaths;
import proxy.delta.log.FileAction;
import proxy.delta.log.TablePaths;

/**
 * The one place that decides whether a writer may commit a body: every action of it must lie in the writer's
 * write grants. Refused, with {@code AccessDenied}, unless:
 * <ul>
 *   <li>each {@code add} and {@code cdc} has a relative path inside the table, outside {@code _delta_log/}, and
 *       partition values (logical names through the table's column mapping) that a write grant covers; a path the
 *       log already references as a data file keeps its partition values (a deletion-vector update); any other path
 *       was uploaded through the proxy for exactly these partition values ({@link CommitCheck#uploaded});</li>
 *   <li>a deletion vector an {@code add} names is new and uploaded through the proxy, or one already referenced only
 *       by files the writer may write;</li>
 *   <li>each {@code remove} names a current data file of a partition the writer may write;</li>
 *   <li>{@code metaData}, {@code protocol} and {@code domainMetadata} come from a writer whose grant covers the whole
 *       table; {@code commitInfo} and {@code txn} are always allowed; any other action is refused.</li>
 * </ul>
 * The refusal message names the action and rule, never whether a path exists or what partition it is in: a file of
 * another partition and a file that does not exist are refused alike. A body that is not UTF-8 newline-delimited
 * JSON objects of one action each (duplicate keys included) is {@code InvalidArgument}. Stateless and thread-safe.
 */
public final class CommitGate {
    private static final Set<String> ALWAYS = Set.of("commitInfo", "txn");
    private static final Set<String> WHOLE_TABLE = Set.of("metaData", "protocol", "domainMetadata");

    private final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final TablePaths paths;
    private final DeletionVectorPaths dvPaths;

    /** @param paths the table's paths, to turn a log path into a key */
    public CommitGate(TablePaths paths) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.dvPaths = new DeletionVectorPaths(paths);
    }

    /**
     * Judges a commit body.
     *
     * @param lookup  what the log of the version this commit follows says a key is
     * @param mapping that version's column mapping
     * @throws S3Exception AccessDenied for an action outside the writer's scope, InvalidArgument for a malformed body
     */
    public void check(byte[] body, Function<String, FileClass> lookup, ColumnMapping mapping, CommitCheck check) {
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(check, "check");
        if (check.scope().isEmpty()) {
            throw denied("no write grant on the table");
        }
        var judge = new Judge(lookup, mapping, check);
        int lineNumber = 0;
        for (String line : utf8(body).split("\n", -1)) {
            lineNumber++;
            if (!line.isBlank()) {
                judge.action(lineNumber, parse(lineNumber, line));
            }
        }
        if (judge.actions == 0) {
            throw malformed("the commit has no action");
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("the commit is not UTF-8");
        }
    }

    private JsonNode parse(int line, String text) {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject() || node.size() != 1) {
                throw malformed("line " + line + " is not a JSON object with exactly one action");
            }
            return node;
        } catch (JacksonException e) {
            throw malformed("line " + line + " is not valid JSON (or repeats a key)");
        }
    }

    /** The checks of one commit. */
    private final class Judge {
        private final Function<String, FileClass> lookup;
        private final ColumnMapping mapping;
        private final CommitCheck check;
        private int actions;

        Judge(Function<String, FileClass> lookup, ColumnMapping mapping, CommitCheck check) {
            this.lookup = lookup;
            this.mapping = mapping;
            this.check = check;
        }

        void action(int line, JsonNode node) {
            actions++;
            String name = node.fieldNames().next();
            JsonNode action = node.get(name);
            if (ALWAYS.contains(name)) {
                return;
            }
            if (WHOLE_TABLE.contains(name)) {
                if (!check.scope().wholeTable()) {
                    throw denied("line " + line + ": " + name + " needs a write grant on the whole table");
                }
                return;
            }
            if (!action.isObject()) {
                throw malformed("line " + line + ": " + name + " is not an object");
            }
            switch (name) {
                case "add" -> add(line, action, false);
                case "cdc" -> add(line, action, true);
                case "remove" -> remove(line, action);
                default -> throw denied("line " + line + ": action " + name + " is not allowed in a commit");
            }
        }

        private void add(int line, JsonNode action, boolean cdc) {
            String what = "line " + line + ": " + (cdc ? "cdc" : "add");
            String key = key(what, action);
            Map<String, String> raw = partitionValues(what, action.get("partitionValues"), true);
            Map<String, String> logical = logical(raw);
            covered(what, logical);
            FileClass known = lookup.apply(key);
            boolean keepsIndexed = !cdc && known instanceof FileClass.DataFile data
                    && data.partition().values().equals(logical);
            boolean uploaded = known instanceof FileClass.Unknown
                    && check.uploaded().apply(key).filter(raw::equals).isPresent();
            if (!keepsIndexed && !uploaded) {
                throw denied(what + ": the file was not uploaded through the proxy for these partition values");
            }
            deletionVector(what, action.get("deletionVector"));
        }

        private void deletionVector(String what, JsonNode dv) {
            if (dv == null || dv.isNull()) {
                return;
            }
            String type = dv.path("storageType").asText("");
            if (type.equals("i")) {
                return;
            }
            Optional<String> key = dvPaths.keyOf(new FileAction.DeletionVectorRef(type,
                    dv.path("pathOrInlineDv").asText("")));
            if (key.isEmpty() || LogNames.inLog(key.get())) {
                throw denied(what + ": the deletion vector is not a file of the table");
            }
            FileClass known = lookup.apply(key.get());
            boolean own = known instanceof FileClass.DeletionVector existing && existing.referencedBy().stream()
                    .allMatch(p -> check.scope().covering(p.values()) != null);
            boolean uploaded = known instanceof FileClass.Unknown && check.uploaded().apply(key.get()).isPresent();
            if (!own && !uploaded) {
                throw denied(what + ": the deletion vector was not uploaded through the proxy");
            }
        }

        private void remove(int line, JsonNode action) {
            String what = "line " + line + ": remove";
            String key = key(what, action);
            Map<String, String> claimed = partitionValues(what, action.get("partitionValues"), false);
            FileClass known = lookup.apply(key);
            if (!(known instanceof FileClass.DataFile data)
                    || check.scope().covering(data.partition().values()) == null
                    || (claimed != null && !logical(claimed).equals(data.partition().values()))) {
                throw denied(what + ": not a current data file of a partition you may write");
            }
        }

        private String key(String what, JsonNode action) {
            JsonNode path = action.get("path");
            if (path == null || !path.isTextual() || path.asText().isEmpty()) {
                throw malformed(what + " has no path");
            }
            String text = path.asText();
            if (text.contains(":")) {
                throw denied(what + ": the path must be relative to the table");
            }
            Optional<String> key = paths.keyOf(text);
            if (key.isEmpty() || LogNames.inLog(key.get())) {
                throw denied(what + ": the path is not a data file inside the table");
            }
            return key.get();
        }

        private Map<String, String> logical(Map<String, String> raw) {
            var out = new LinkedHashMap<String, String>();
            raw.forEach((k, v) -> out.put(mapping.logical(k), v));
            return out;
        }

        private void covered(String what, Map<String, String> logical) {
            if (check.scope().covering(logical) == null) {
                throw denied(what + ": partition " + logical + " is outside your write grants");
            }
        }
    }

    /** The partition values of an action: string or null values; null when absent and not required. */
    private static Map<String, String> partitionValues(String what, JsonNode node, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw malformed(what + " has no partitionValues");
            }
            return null;
        }
        if (!node.isObject()) {
            throw malformed(what + ": partitionValues is not an object");
        }
        var out = new LinkedHashMap<String, String>();
        for (var e : node.properties()) {
            if (!e.getValue().isNull() && !e.getValue().isTextual()) {
                throw malformed(what + ": partition values must be strings or null");
            }
            out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
        }
        return out;
    }

    private static S3Exception denied(String reason) {
        return new S3Exception(S3ErrorCode.ACCESS_DENIED, "Commit refused: " + reason + ".");
    }

    private static S3Exception malformed(String reason) {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Malformed commit: " + reason + ".");
    }
}
