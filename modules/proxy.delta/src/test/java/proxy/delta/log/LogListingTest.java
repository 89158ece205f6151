package proxy.delta.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Log file names and the choice of the newest complete checkpoint. */
class LogListingTest {

    @Test
    void recognisesCommitsAndEveryCheckpointFormat() {
        assertEquals(new LogFile.Commit(), parse("00000000000000000012.json").kind());
        assertEquals(new LogFile.Checkpoint(1, 1, false), parse("00000000000000000010.checkpoint.parquet").kind());
        assertEquals(new LogFile.Checkpoint(2, 3, false),
                parse("00000000000000000010.checkpoint.0000000002.0000000003.parquet").kind());
        assertEquals(new LogFile.Checkpoint(1, 1, true),
                parse("00000000000000000002.checkpoint.e8fa2696-9728-4e9c-b285-634743fdd4fb.json").kind());
        for (String other : List.of("00000000000000000012.crc", "_last_checkpoint", "00000000000000000001.00000000000000000009.compacted.json",
                "_sidecars/00000000000000000001.json", ".00000000000000000012.json.tmp")) {
            assertEquals(Optional.empty(), LogFile.parse("_delta_log/" + other, 1), other);
        }
        assertEquals(12, parse("00000000000000000012.json").version());
    }

    @Test
    void anIncompleteMultiPartCheckpointIsSkipped() {
        LogListing listing = LogListing.of(List.of(
                parse("00000000000000000005.checkpoint.parquet"),
                parse("00000000000000000010.checkpoint.0000000001.0000000002.parquet"),
                parse("00000000000000000011.json")));
        assertEquals(5, listing.latestCheckpoint().orElseThrow().getFirst().version());
        assertEquals(11, listing.maxVersion());

        LogListing complete = LogListing.of(List.of(
                parse("00000000000000000010.checkpoint.0000000002.0000000002.parquet"),
                parse("00000000000000000005.checkpoint.parquet"),
                parse("00000000000000000010.checkpoint.0000000001.0000000002.parquet")));
        List<LogFile> parts = complete.latestCheckpoint().orElseThrow();
        assertEquals(2, parts.size());
        assertEquals(1, ((LogFile.Checkpoint) parts.getFirst().kind()).part());
        assertEquals(10, complete.maxVersion());
    }

    private static LogFile parse(String name) {
        return LogFile.parse("_delta_log/" + name, 1).orElseThrow();
    }
}
