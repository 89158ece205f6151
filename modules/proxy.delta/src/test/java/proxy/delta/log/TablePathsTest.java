package proxy.delta.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Log paths decode exactly once and never leave the table. */
class TablePathsTest {
    private final TablePaths s3 = new TablePaths(URI.create("s3://bucket/tables/t"));
    private final TablePaths file = new TablePaths(URI.create("file:/data/tables/t/"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a=1/f.parquet|a=1/f.parquet",
            "city=New%20York/f.parquet|city=New York/f.parquet",
            "city=a+b/f.parquet|city=a+b/f.parquet",
            "city=a%2Bb/f.parquet|city=a+b/f.parquet",
            "city=a%253Db/f.parquet|city=a%3Db/f.parquet",
            "city=100%2525/f.parquet|city=100%25/f.parquet",
            "ts=2021-09-08 11%253A11%253A11/f.parquet|ts=2021-09-08 11%3A11%3A11/f.parquet",
            "city=Z%C3%BCrich/f.parquet|city=Zürich/f.parquet",
            "city=東京/f.parquet|city=東京/f.parquet",
            "x=__HIVE_DEFAULT_PARTITION__/f.parquet|x=__HIVE_DEFAULT_PARTITION__/f.parquet",
            "s3://bucket/tables/t/a=1/f%20g.parquet|a=1/f g.parquet",
            "s3a://bucket/tables/t/a=1/f.parquet|a=1/f.parquet",
            "ts=10:30/f.parquet|ts=10:30/f.parquet",
            ".hidden/..f/...g.parquet|.hidden/..f/...g.parquet"})
    void decodesOnce(String logPath, String key) {
        assertEquals(Optional.of(key), s3.keyOf(logPath));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../other/f.parquet", "a/../../f.parquet", "a//f.parquet", "/abs/f.parquet", "a/./f.parquet",
            "%2E%2E/f.parquet", "a%2F..%2F..%2Ff.parquet", "bad%zz.parquet", "bad%4", "a%5Cb.parquet", "a%00b",
            "s3://bucket/tables/other/f.parquet", "s3://bucket/tables/tt/f.parquet", "s3://other/tables/t/f.parquet",
            "file:/data/tables/t/f.parquet", "https://bucket/tables/t/f.parquet", "s3://bucket/tables/t/../x/f",
            "a/", "a/.", "a/..", "a/b/", "/", "a\\b.parquet", "a%2F", "ab:c/f.parquet", "a%01b.parquet",
            "a%EF%BF%BFb.parquet", "a%7F"})
    void neverLeavesTheTable(String logPath) {
        assertEquals(Optional.empty(), s3.keyOf(logPath));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "file:/data/tables/t/a=1/f.parquet|a=1/f.parquet",
            "file:///data/tables/t/a=1/f.parquet|a=1/f.parquet",
            "file:/data/tables/t/a%3D1/f.parquet|a=1/f.parquet"})
    void fileUrisUnderTheRootAreRelativized(String logPath, String key) {
        assertEquals(Optional.of(key), file.keyOf(logPath));
    }
}
