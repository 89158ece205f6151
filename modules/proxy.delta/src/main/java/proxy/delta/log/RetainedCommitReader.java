package proxy.delta.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import proxy.delta.io.StoreFileIO;

/**
 * Reads only the file references of JSON commits that a checkpoint already covers (those at or before its
 * version): the {@code path}, {@code partitionValues} and deletion vector location of every {@code add},
 * {@code remove} and {@code cdc}, with a streaming parser that skips everything else (statistics, tags, other
 * actions) unread. Their files stay readable for time travel, but the table state, including its latest
 * {@code metaData}, comes from the checkpoint. Kernel's JSON handler would build a full row per action: with a
 * long retained history this reader costs a fraction of it.
 */
public final class RetainedCommitReader {
    private final StoreFileIO fileIO;
    private final JsonFactory json = new JsonFactory();

    public RetainedCommitReader(StoreFileIO fileIO) {
        this.fileIO = Objects.requireNonNull(fileIO, "fileIO");
    }

    /**
     * Reads the file actions of commits, in the given order.
     *
     * @throws IOException when a commit cannot be read or is not a sequence of JSON objects
     */
    public void read(List<LogFile> commits, ActionSink sink) throws IOException {
        for (LogFile commit : commits) {
            sink.beginVersion(commit.version());
            try (InputStream in = fileIO.newInputFile(StoreFileIO.pathOf(commit.key()), commit.size()).newStream();
                 JsonParser parser = json.createParser(in)) {
                readActions(parser, sink);
            }
        }
    }

    private void readActions(JsonParser parser, ActionSink sink) throws IOException {
        Map<String, String> lastValues = Map.of();
        for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
            expect(parser, t, JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                Optional<FileAction.Type> type = typeOf(parser.currentName());
                JsonToken value = parser.nextToken();
                if (type.isEmpty() || value != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                FileFields f = fileFields(parser);
                if (f.path != null) {
                    // One map instance for a run of files of the same partition (see TupleTable.idOf).
                    lastValues = f.partitionValues.equals(lastValues) ? lastValues : f.partitionValues;
                    sink.file(new FileAction(type.get(), f.path, lastValues, f.deletionVector(type.get()), f.size,
                            type.get() == FileAction.Type.ADD ? f.modificationTime : -1));
                }
            }
        }
    }

    private static Optional<FileAction.Type> typeOf(String action) {
        return switch (action) {
            case "add" -> Optional.of(FileAction.Type.ADD);
            case "remove" -> Optional.of(FileAction.Type.REMOVE);
            case "cdc" -> Optional.of(FileAction.Type.CDC);
            default -> Optional.empty();
        };
    }

    /** The fields of one file action the index needs; {@code path} null when absent. */
    private static final class FileFields {
        String path;
        Map<String, String> partitionValues = Map.of();
        String dvStorageType;
        String dvPathOrInline;
        int dvOffset = 0;
        int dvSize = -1;
        long size = -1;
        long modificationTime = -1;

        Optional<FileAction.DeletionVectorRef> deletionVector(FileAction.Type type) {
            return type == FileAction.Type.CDC || dvStorageType == null || dvPathOrInline == null ? Optional.empty()
                    : Optional.of(new FileAction.DeletionVectorRef(dvStorageType, dvPathOrInline, dvOffset, dvSize));
        }
    }

    private static FileFields fileFields(JsonParser parser) throws IOException {
        FileFields f = new FileFields();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "path" -> f.path = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "partitionValues" -> f.partitionValues = stringMap(parser, value, true);
                case "size" -> f.size = nonNegativeLong(parser, value);
                case "modificationTime" -> f.modificationTime = nonNegativeLong(parser, value);
                case "deletionVector" -> deletionVector(parser, value, f);
                default -> parser.skipChildren();
            }
        }
        return f;
    }

    /** The descriptor's location, offset and size; other members are skipped. */
    private static void deletionVector(JsonParser parser, JsonToken start, FileFields f) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            boolean text = value == JsonToken.VALUE_STRING;
            switch (name) {
                case "storageType" -> f.dvStorageType = text ? parser.getText() : null;
                case "pathOrInlineDv" -> f.dvPathOrInline = text ? parser.getText() : null;
                case "offset" -> f.dvOffset = value == JsonToken.VALUE_NULL ? 0 : nonNegativeInt(parser, value);
                case "sizeInBytes" -> f.dvSize = nonNegativeInt(parser, value);
                default -> parser.skipChildren();
            }
        }
    }

    /** An integral number in {@code [0, 2^31)}, else -1 (malformed); anything else is skipped. */
    private static int nonNegativeInt(JsonParser parser, JsonToken value) throws IOException {
        long n = nonNegativeLong(parser, value);
        return n > Integer.MAX_VALUE ? -1 : (int) n;
    }

    /** An integral number that is not negative, else -1 (unknown); anything else is skipped. */
    private static long nonNegativeLong(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return Math.max(-1, parser.getLongValue());
        }
        parser.skipChildren();
        return -1;
    }

    /**
     * An object's string (or null) members; empty unless it is an object. Other members are skipped, or refused
     * when {@code strict} (partition values are strings by the protocol; guessing would misfile the file).
     */
    private static Map<String, String> stringMap(JsonParser parser, JsonToken start, boolean strict)
            throws IOException {
        if (start != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL) {
                out.put(key, value == JsonToken.VALUE_NULL ? null : parser.getText());
            } else if (strict) {
                throw new IOException("Malformed Delta commit: a non-string partition value at "
                        + parser.currentLocation());
            } else {
                parser.skipChildren();
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("Malformed Delta commit: expected " + expected + " but found " + actual
                    + " at " + parser.currentLocation());
        }
    }
}
