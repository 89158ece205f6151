package proxy.delta.log;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import proxy.delta.io.CloseableIterators;
import proxy.delta.io.StoreFileIO;

/**
 * Reads the file actions and metadata of commits and checkpoints with Kernel's JSON and Parquet handlers,
 * projecting only the columns the index needs. A v2 checkpoint's sidecars are read after its manifest.
 */
public final class ActionReader {
    private static final StructType DV = new StructType()
            .add("storageType", StringType.STRING, true)
            .add("pathOrInlineDv", StringType.STRING, true)
            .add("offset", IntegerType.INTEGER, true)
            .add("sizeInBytes", IntegerType.INTEGER, true);
    private static final MapType STRING_MAP = new MapType(StringType.STRING, StringType.STRING, true);
    private static final StructType FILE = new StructType()
            .add("path", StringType.STRING, true)
            .add("partitionValues", STRING_MAP, true)
            .add("deletionVector", DV, true)
            .add("size", LongType.LONG, true)
            .add("modificationTime", LongType.LONG, true);
    private static final StructType CDC = new StructType()
            .add("path", StringType.STRING, true)
            .add("partitionValues", STRING_MAP, true)
            .add("size", LongType.LONG, true);
    private static final StructType METADATA = new StructType()
            .add("schemaString", StringType.STRING, true)
            .add("configuration", STRING_MAP, true);
    private static final StructType SIDECAR = new StructType().add("path", StringType.STRING, true);
    private static final ArrayType STRINGS = new ArrayType(StringType.STRING, true);
    private static final StructType PROTOCOL = new StructType()
            .add("minReaderVersion", IntegerType.INTEGER, true)
            .add("minWriterVersion", IntegerType.INTEGER, true)
            .add("readerFeatures", STRINGS, true)
            .add("writerFeatures", STRINGS, true);
    private static final StructType SCHEMA = new StructType()
            .add("add", FILE, true)
            .add("remove", FILE, true)
            .add("cdc", CDC, true)
            .add("metaData", METADATA, true)
            .add("sidecar", SIDECAR, true)
            .add("protocol", PROTOCOL, true);
    private static final String SIDECAR_DIR = LogFile.LOG_DIR + "_sidecars/";

    private final Engine engine;
    private final StoreFileIO fileIO;

    public ActionReader(Engine engine, StoreFileIO fileIO) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.fileIO = Objects.requireNonNull(fileIO, "fileIO");
    }

    /**
     * Reads JSON commits, in the given order, one at a time (a batch of Kernel's JSON reader may span files, and the
     * sink is told where each version starts).
     */
    public void readCommits(List<LogFile> commits, ActionSink sink) throws IOException {
        for (LogFile commit : commits) {
            sink.beginVersion(commit.version());
            try (CloseableIterator<ColumnarBatch> batches =
                         engine.getJsonHandler().readJsonFiles(statuses(List.of(commit)), SCHEMA, Optional.empty())) {
                while (batches.hasNext()) {
                    emit(batches.next(), sink, new ArrayList<>());
                }
            }
        }
    }

    /** Reads every part of one checkpoint, then the sidecars a v2 checkpoint names: one version for the sink. */
    public void readCheckpoint(List<LogFile> parts, ActionSink sink) throws IOException {
        sink.beginVersion(parts.getFirst().version());
        List<String> sidecars = new ArrayList<>();
        boolean json = parts.size() == 1 && ((LogFile.Checkpoint) parts.getFirst().kind()).json();
        if (json) {
            try (CloseableIterator<ColumnarBatch> batches =
                         engine.getJsonHandler().readJsonFiles(statuses(parts), SCHEMA, Optional.empty())) {
                while (batches.hasNext()) {
                    emit(batches.next(), sink, sidecars);
                }
            }
        } else {
            readParquet(statuses(parts), sink, sidecars);
        }
        if (!sidecars.isEmpty()) {
            List<FileStatus> files = new ArrayList<>();
            for (String path : sidecars) {
                files.add(fileIO.getFileStatus(sidecarPath(path)));
            }
            readParquet(iterator(files), sink, new ArrayList<>());
        }
    }

    /**
     * The {@code sidecar.path} values a checkpoint's manifest names, as written (relative to
     * {@code _delta_log/_sidecars/}, or absolute); the sidecars themselves are not read. Empty for a classic or
     * multi-part checkpoint.
     */
    public List<String> sidecarsOf(List<LogFile> parts) throws IOException {
        List<String> sidecars = new ArrayList<>();
        ActionSink ignore = new ActionSink() {
            @Override
            public void file(FileAction action) {
            }

            @Override
            public void metadata(String schemaString, Map<String, String> configuration) {
            }
        };
        boolean json = parts.size() == 1 && ((LogFile.Checkpoint) parts.getFirst().kind()).json();
        if (json) {
            try (CloseableIterator<ColumnarBatch> batches =
                         engine.getJsonHandler().readJsonFiles(statuses(parts), SCHEMA, Optional.empty())) {
                while (batches.hasNext()) {
                    emit(batches.next(), ignore, sidecars);
                }
            }
        } else {
            readParquet(statuses(parts), ignore, sidecars);
        }
        return sidecars;
    }

    private void readParquet(CloseableIterator<FileStatus> files, ActionSink sink, List<String> sidecars)
            throws IOException {
        try (CloseableIterator<FileReadResult> results =
                     engine.getParquetHandler().readParquetFiles(files, SCHEMA, Optional.empty())) {
            while (results.hasNext()) {
                emit(results.next().getData(), sink, sidecars);
            }
        }
    }

    private static String sidecarPath(String path) {
        if (path.contains(":")) {
            throw new UncheckedIOException(new IOException("Absolute sidecar paths are not supported"));
        }
        return StoreFileIO.pathOf(SIDECAR_DIR + path);
    }

    private static void emit(ColumnarBatch batch, ActionSink sink, List<String> sidecars) {
        ColumnVector metaData = batch.getColumnVector(3);
        ColumnVector sidecar = batch.getColumnVector(4);
        ColumnVector protocol = batch.getColumnVector(5);
        FileColumn add = new FileColumn(FileAction.Type.ADD, batch.getColumnVector(0));
        FileColumn remove = new FileColumn(FileAction.Type.REMOVE, batch.getColumnVector(1));
        FileColumn cdc = new FileColumn(FileAction.Type.CDC, batch.getColumnVector(2));
        for (int row = 0; row < batch.getSize(); row++) {
            add.emit(row, sink);
            remove.emit(row, sink);
            cdc.emit(row, sink);
            if (!metaData.isNullAt(row) && !metaData.getChild(0).isNullAt(row)) {
                sink.metadata(metaData.getChild(0).getString(row), map(metaData.getChild(1), row));
            }
            if (!protocol.isNullAt(row)) {
                sink.protocol(new Protocol(intOr(protocol.getChild(0), row), intOr(protocol.getChild(1), row),
                        strings(protocol.getChild(2), row), strings(protocol.getChild(3), row)));
            }
            if (!sidecar.isNullAt(row) && !sidecar.getChild(0).isNullAt(row)) {
                sidecars.add(sidecar.getChild(0).getString(row));
            }
        }
    }

    /** One file-action column of a batch ({@code add}, {@code remove} or {@code cdc}). */
    private static final class FileColumn {
        private final FileAction.Type type;
        private final ColumnVector column;
        private final RepeatingMapReader partitionValues = new RepeatingMapReader();

        FileColumn(FileAction.Type type, ColumnVector column) {
            this.type = type;
            this.column = column;
        }

        void emit(int row, ActionSink sink) {
            if (column.isNullAt(row) || column.getChild(0).isNullAt(row)) {
                return;
            }
            Optional<FileAction.DeletionVectorRef> dv = Optional.empty();
            if (type != FileAction.Type.CDC && !column.getChild(2).isNullAt(row)) {
                ColumnVector d = column.getChild(2);
                if (!d.getChild(0).isNullAt(row) && !d.getChild(1).isNullAt(row)) {
                    int offset = d.getChild(2).isNullAt(row) ? 0 : Math.max(-1, d.getChild(2).getInt(row));
                    int size = d.getChild(3).isNullAt(row) ? -1 : Math.max(-1, d.getChild(3).getInt(row));
                    dv = Optional.of(new FileAction.DeletionVectorRef(d.getChild(0).getString(row),
                            d.getChild(1).getString(row), offset, size));
                }
            }
            String path = column.getChild(0).getString(row);
            boolean cdc = type == FileAction.Type.CDC;
            long size = longOrUnknown(column.getChild(cdc ? 2 : 3), row);
            long modified = cdc ? -1 : longOrUnknown(column.getChild(4), row);
            sink.file(new FileAction(type, path, partitionValues.read(column.getChild(1), row), dv, size, modified));
        }

        private static long longOrUnknown(ColumnVector v, int row) {
            return v.isNullAt(row) ? -1 : Math.max(-1, v.getLong(row));
        }
    }

    private static int intOr(ColumnVector v, int row) {
        return v.isNullAt(row) ? 0 : v.getInt(row);
    }

    private static List<String> strings(ColumnVector v, int row) {
        List<String> out = new ArrayList<>();
        if (v.isNullAt(row)) {
            return out;
        }
        ColumnVector elements = v.getArray(row).getElements();
        for (int i = 0; i < v.getArray(row).getSize(); i++) {
            out.add(elements.isNullAt(i) ? "" : elements.getString(i));
        }
        return out;
    }

    private static Map<String, String> map(ColumnVector v, int row) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v.isNullAt(row)) {
            return out;
        }
        var m = v.getMap(row);
        ColumnVector keys = m.getKeys();
        ColumnVector values = m.getValues();
        for (int i = 0; i < m.getSize(); i++) {
            out.put(keys.getString(i), values.isNullAt(i) ? null : values.getString(i));
        }
        return out;
    }

    private static CloseableIterator<FileStatus> statuses(List<LogFile> files) {
        List<FileStatus> out = new ArrayList<>();
        for (LogFile f : files) {
            out.add(FileStatus.of(StoreFileIO.pathOf(f.key()), f.size(), 0));
        }
        return iterator(out);
    }

    private static CloseableIterator<FileStatus> iterator(List<FileStatus> files) {
        return CloseableIterators.of(files);
    }
}
