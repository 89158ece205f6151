package proxy.bench.index;

import java.time.LocalDate;
import java.util.Random;
import java.util.UUID;

/**
 * The shape of the synthetic table: {@code files} data files spread evenly over {@code dates × mics} partitions
 * ({@code date=2025-01-01/MIC=X000/part-...parquet}), in file order date-major, so that one commit of
 * {@code files / dates} adds is one day of data for every MIC. File names are deterministic (seeded), so two
 * runs generate the same log.
 *
 * @param files           total data files
 * @param dates           distinct {@code date} values
 * @param mics            distinct {@code MIC} values
 * @param filesPerCommit  adds per commit up to the checkpoint
 * @param tailCommits     JSON commits after the checkpoint
 * @param filesPerTail    adds per commit after the checkpoint
 */
record TableShape(int files, int dates, int mics, int filesPerCommit, int tailCommits, int filesPerTail) {
    static final LocalDate FIRST_DATE = LocalDate.of(2025, 1, 1);

    TableShape {
        if (files % (dates * mics) != 0) {
            throw new IllegalArgumentException("files must be a multiple of dates * mics");
        }
        if ((files - tailCommits * filesPerTail) % filesPerCommit != 0) {
            throw new IllegalArgumentException("files before the checkpoint must be a multiple of filesPerCommit");
        }
    }

    /** The default: 1,000,000 files in 100 × 100 partitions, 10,000 adds per commit, 10 tail commits of 1,000. */
    static TableShape standard() {
        return new TableShape(1_000_000, 100, 100, 10_000, 10, 1_000);
    }

    /**
     * The filtered-log LIST case: 10,000 commits of 10 adds (100,000 files, one MIC per commit, 100 MICs of one
     * date), a checkpoint at the last version; kept with every commit ({@code --keep-old-commits}).
     */
    static TableShape manyCommits() {
        return new TableShape(100_000, 1, 100, 10, 0, 1);
    }

    /** Files covered by the checkpoint. */
    int checkpointFiles() {
        return files - tailCommits * filesPerTail;
    }

    /** The version the checkpoint is written at (version 0 holds protocol and metaData only). */
    long checkpointVersion() {
        return checkpointFiles() / filesPerCommit;
    }

    /** The last version of the generated table. */
    long lastVersion() {
        return checkpointVersion() + tailCommits;
    }

    String date(int file) {
        int perDate = files / dates;
        return FIRST_DATE.plusDays(file / perDate).toString();
    }

    String mic(int file) {
        int perPartition = files / (dates * mics);
        return "X%03d".formatted(file / perPartition % mics);
    }

    /** The relative path of a data file, as written in its add action. */
    static String path(String date, String mic, Random random) {
        return "date=" + date + "/MIC=" + mic + "/part-00000-" + new UUID(random.nextLong(), random.nextLong())
                + "-c000.snappy.parquet";
    }
}
