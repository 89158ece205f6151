package e2e.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of the two-writer run of {@code scripts/e2e/spark} (modes {@code writers-*}), computed locally: what the
 * whole-table writer puts in the new table {@code orders} and what each partition writer's sequence of operations
 * leaves in its partition. Every job of the run derives its expectations from here, so the final table can be
 * compared with the union of what each writer wrote without sharing state between the JVMs.
 *
 * <p>The table: {@code orders (id BIGINT, MIC STRING, writer STRING, qty INT)} partitioned by {@code MIC}. The
 * creator writes {@link #INITIAL_ROWS} rows to each of {@link #CREATED_PARTITIONS}; a partition writer then
 * appends {@link #APPEND_A} and {@link #APPEND_B}, replaces its partition with {@link #REPLACED} (three files),
 * appends {@link #APPEND_C}, deletes the rows whose {@code qty % 3 = 0} (deletion vectors) and optimizes.
 */
final class WriterPlan {
    static final String TABLE = "s3a://datalake/orders/";
    static final List<String> CREATED_PARTITIONS = List.of("XLON", "XETR", "XPAR");
    static final int INITIAL_ROWS = 6;
    static final long[] APPEND_A = {101, 110};
    static final long[] APPEND_B = {111, 120};
    static final long[] REPLACED = {201, 230};
    static final long[] APPEND_C = {301, 305};
    static final String DELETED = "qty % 3 = 0";
    /** The successful commits of one partition writer: appends A and B, replaceWhere, append C, DELETE, OPTIMIZE. */
    static final int WRITER_COMMITS = 6;
    /** The creator's commits: CREATE TABLE, then one INSERT per created partition. */
    static final int CREATOR_COMMITS = 1 + CREATED_PARTITIONS.size();

    static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType, true)
            .add("MIC", DataTypes.StringType, true)
            .add("writer", DataTypes.StringType, true)
            .add("qty", DataTypes.IntegerType, true);

    private WriterPlan() {
    }

    /** The name a writer of a partition signs its commits with ({@code commitInfo.userMetadata}). */
    static String writerName(String mic) {
        return "writer-" + mic;
    }

    /** The creator's rows of one partition. */
    static List<Row> initial(String mic) {
        return rows(new long[] {1, INITIAL_ROWS}, mic, "creator");
    }

    /** Rows {@code ids[0]..ids[1]} (inclusive) of a partition, {@code qty = id % 10}. */
    static List<Row> rows(long[] ids, String mic, String writer) {
        return LongStream.rangeClosed(ids[0], ids[1])
                .mapToObj(id -> RowFactory.create(id, mic, writer, (int) (id % 10)))
                .collect(Collectors.toList());
    }

    /** What a partition writer's partition holds after its whole sequence. */
    static List<Row> finalRows(String mic) {
        String writer = writerName(mic);
        List<Row> all = new ArrayList<>(rows(REPLACED, mic, writer));
        all.addAll(rows(APPEND_C, mic, writer));
        Predicate<Row> deleted = r -> r.getInt(3) % 3 == 0;
        all.removeIf(deleted);
        return all;
    }

    /**
     * What a writer's partition holds right after one of its steps ({@code append-a}, {@code append-b},
     * {@code replace-where}, {@code append-c}, {@code delete-dv}, {@code optimize}): how the job tells whether a
     * commit that answered 412 had landed after all (a resent PUT) before it runs the step again.
     */
    static List<Row> rowsAfter(String step, String mic) {
        String writer = writerName(mic);
        List<Row> rows = new ArrayList<>();
        switch (step) {
            case "append-b":
                rows.addAll(rows(APPEND_B, mic, writer));
                // fall through
            case "append-a":
                rows.addAll(rows(APPEND_A, mic, writer));
                rows.addAll(initial(mic));
                return rows;
            case "append-c":
                rows.addAll(rows(APPEND_C, mic, writer));
                // fall through
            case "replace-where":
                rows.addAll(rows(REPLACED, mic, writer));
                return rows;
            case "delete-dv":
            case "optimize":
                return finalRows(mic);
            default:
                throw new IllegalArgumentException("unknown step " + step);
        }
    }

    /** The whole table after both partition writers finished: theirs, and the creator's rows of the third. */
    static List<Row> finalTable(List<String> writerPartitions) {
        List<Row> all = new ArrayList<>();
        for (String mic : CREATED_PARTITIONS) {
            all.addAll(writerPartitions.contains(mic) ? finalRows(mic) : initial(mic));
        }
        return all;
    }

    /** Rows as Spark's {@code Row.toString} and {@link KernelRead} render them, sorted. */
    static List<String> rendered(List<Row> rows) {
        return rows.stream().map(Row::toString).sorted().collect(Collectors.toList());
    }
}
