package proxy.delta.filtered;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.Type;

/**
 * Turns the JSON actions of a v2 checkpoint manifest into Parquet rows of a classic checkpoint. The schema is the one
 * Delta writes for classic checkpoints; when the manifest has sidecars, their {@code add}/{@code remove} types are
 * used instead, so that their rows (with {@code stats_parsed} and the like) copy over unchanged. A JSON field the
 * schema has no column for fails closed: dropping it could change what a kept action means.
 */
final class JsonRows {
    private static final String FILE_VALUES = "optional group partitionValues (MAP) { repeated group key_value {"
            + " required binary key (STRING); optional binary value (STRING); } }";
    private static final String TAGS = "optional group tags (MAP) { repeated group key_value {"
            + " required binary key (STRING); optional binary value (STRING); } }";
    private static final String DV = "optional group deletionVector { optional binary storageType (STRING);"
            + " optional binary pathOrInlineDv (STRING); optional int32 offset; optional int32 sizeInBytes;"
            + " optional int64 cardinality; optional int64 maxRowIndex; }";
    private static final String STRINGS = "(LIST) { repeated group list { optional binary element (STRING); } }";
    static final MessageType CLASSIC = MessageTypeParser.parseMessageType("message spark_schema {"
            + " optional group add { optional binary path (STRING); " + FILE_VALUES + " optional int64 size;"
            + "  optional int64 modificationTime; optional boolean dataChange; optional binary stats (STRING); " + TAGS
            + "  " + DV + " optional int64 baseRowId; optional int64 defaultRowCommitVersion;"
            + "  optional binary clusteringProvider (STRING); }"
            + " optional group remove { optional binary path (STRING); optional int64 deletionTimestamp;"
            + "  optional boolean dataChange; optional boolean extendedFileMetadata; " + FILE_VALUES
            + "  optional int64 size; " + TAGS + " " + DV + " optional int64 baseRowId;"
            + "  optional int64 defaultRowCommitVersion; optional binary stats (STRING); }"
            + " optional group metaData { optional binary id (STRING); optional binary name (STRING);"
            + "  optional binary description (STRING); optional group format { optional binary provider (STRING);"
            + "  optional group options (MAP) { repeated group key_value { required binary key (STRING);"
            + "  optional binary value (STRING); } } } optional binary schemaString (STRING);"
            + "  optional group partitionColumns " + STRINGS
            + "  optional group configuration (MAP) { repeated group key_value { required binary key (STRING);"
            + "  optional binary value (STRING); } } optional int64 createdTime; }"
            + " optional group protocol { optional int32 minReaderVersion; optional int32 minWriterVersion;"
            + "  optional group readerFeatures " + STRINGS + " optional group writerFeatures " + STRINGS + " }"
            + " optional group checkpointMetadata { optional int64 version; " + TAGS + " } }");

    private JsonRows() {
    }

    /** The classic schema with the {@code add}/{@code remove} columns of a sidecar, when it has them. */
    static MessageType schemaWith(MessageType sidecar) {
        Type[] fields = CLASSIC.getFields().toArray(Type[]::new);
        for (int i = 0; i < fields.length; i++) {
            if (sidecar.containsField(fields[i].getName())) {
                fields[i] = sidecar.getType(fields[i].getName());
            }
        }
        return new MessageType(CLASSIC.getName(), fields);
    }

    /** One row holding one action, e.g. {@code {"protocol": {...}}}. */
    static Group row(String action, JsonNode body, MessageType schema) throws UnsupportedLogException {
        SimpleGroup row = new SimpleGroup(schema);
        add(row, schema, action, body);
        return row;
    }

    private static void fill(Group out, GroupType type, JsonNode object) throws UnsupportedLogException {
        if (!object.isObject()) {
            throw new UnsupportedLogException("checkpoint value of the wrong JSON type");
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!field.getValue().isNull()) {
                add(out, type, field.getKey(), field.getValue());
            }
        }
    }

    private static void add(Group out, GroupType parent, String name, JsonNode value) throws UnsupportedLogException {
        if (!parent.containsField(name)) {
            throw new UnsupportedLogException("checkpoint field '" + name + "' outside the checkpoint schema");
        }
        int index = parent.getFieldIndex(name);
        Type type = parent.getType(index);
        if (type.isPrimitive()) {
            primitive(out, index, type, value);
            return;
        }
        GroupType group = type.asGroupType();
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        Group child = out.addGroup(index);
        if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation) {
            GroupType entry = group.getType(0).asGroupType();
            for (Map.Entry<String, JsonNode> e : properties(value)) {
                Group kv = child.addGroup(0);
                kv.add(0, e.getKey());
                if (!e.getValue().isNull()) {
                    primitive(kv, 1, entry.getType(1), e.getValue());
                }
            }
        } else if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            if (!value.isArray()) {
                throw new UnsupportedLogException("checkpoint list that is not a JSON array");
            }
            GroupType element = group.getType(0).asGroupType();
            for (JsonNode e : value) {
                Group item = child.addGroup(0);
                if (!e.isNull()) {
                    primitive(item, 0, element.getType(0), e);
                }
            }
        } else {
            fill(child, group, value);
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> properties(JsonNode value) throws UnsupportedLogException {
        if (!value.isObject()) {
            throw new UnsupportedLogException("checkpoint map that is not a JSON object");
        }
        return value.properties();
    }

    private static void primitive(Group out, int index, Type type, JsonNode v) throws UnsupportedLogException {
        if (!type.isPrimitive()) {
            throw new UnsupportedLogException("nested checkpoint value where a plain one was expected");
        }
        switch (type.asPrimitiveType().getPrimitiveTypeName()) {
            case BINARY -> out.add(index, v.isTextual() ? v.asText() : v.toString());
            case INT32 -> out.add(index, v.asInt());
            case INT64 -> out.add(index, v.asLong());
            case BOOLEAN -> out.add(index, v.asBoolean());
            case DOUBLE -> out.add(index, v.asDouble());
            case FLOAT -> out.add(index, (float) v.asDouble());
            default -> throw new UnsupportedLogException("checkpoint column type " + type);
        }
    }
}
