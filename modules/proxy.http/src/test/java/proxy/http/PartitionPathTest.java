package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/** Partition values as a key's directories declare them, Hive-escaped with ASCII hex digits only. */
class PartitionPathTest {

    @Test
    void hiveEscapesAreDecodedOnce() {
        assertEquals(Map.of("MIC", "X=L/N", "date", "2024-01-01"),
                PartitionPath.of("MIC=X%3DL%2FN/date=2024-01-01/part-0.parquet"));
    }

    @Test
    void escapesWithOtherScriptsDigitsAreRefused() {
        for (String key : new String[] {"MIC=X%\u06641/f.parquet", "MIC=X%\uFF14\uFF11/f.parquet", "MIC=X%4/f"}) {
            assertEquals(S3ErrorCode.INVALID_ARGUMENT,
                    assertThrows(S3Exception.class, () -> PartitionPath.of(key), key).code(), key);
        }
    }
}
