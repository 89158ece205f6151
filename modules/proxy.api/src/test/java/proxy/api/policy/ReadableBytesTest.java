package proxy.api.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.ByteRange;

class ReadableBytesTest {
    /** The version byte and the vector at [43, 85) of a file whose other vectors are not readable. */
    static final ReadableBytes PARTIAL = ReadableBytes.only(List.of(new ReadableBytes.Run(43, 85),
            new ReadableBytes.Run(0, 1)));
    static final LongSupplier NO_SIZE = () -> {
        throw new AssertionError("the size is asked only for suffix ranges");
    };

    private static Optional<ByteRange.Closed> clip(String header, LongSupplier size) {
        return PARTIAL.clip(ByteRange.parse(header).orElseThrow(), size);
    }

    @Test
    void runsAreSortedAndTouchingOrOverlappingRunsJoin() {
        ReadableBytes joined = ReadableBytes.only(List.of(new ReadableBytes.Run(5, 9), new ReadableBytes.Run(1, 5),
                new ReadableBytes.Run(20, 30), new ReadableBytes.Run(25, 26), new ReadableBytes.Run(40, 40)));
        assertEquals(List.of(new ReadableBytes.Run(1, 9), new ReadableBytes.Run(20, 30)), joined.runs());
        assertTrue(ReadableBytes.WHOLE.whole());
    }

    @Test
    void aRangeInsideARunIsKeptAsAsked() {
        assertEquals(Optional.of(new ByteRange.Closed(43, 84)), clip("bytes=43-84", NO_SIZE));
        assertEquals(Optional.of(new ByteRange.Closed(50, 60)), clip("bytes=50-60", NO_SIZE));
        assertEquals(Optional.of(new ByteRange.Closed(0, 0)), clip("bytes=0-0", NO_SIZE));
    }

    @Test
    void aRangeThatRunsPastItsRunIsClippedToTheRun() {
        assertEquals(Optional.of(new ByteRange.Closed(43, 84)), clip("bytes=43-254", NO_SIZE));
        assertEquals(Optional.of(new ByteRange.Closed(43, 84)), clip("bytes=43-", NO_SIZE));
        assertEquals(Optional.of(new ByteRange.Closed(0, 0)), clip("bytes=0-254", NO_SIZE));
    }

    @Test
    void aRangeStartingOutsideEveryRunIsRefused() {
        assertEquals(Optional.empty(), clip("bytes=1-42", NO_SIZE));
        assertEquals(Optional.empty(), clip("bytes=42-84", NO_SIZE));
        assertEquals(Optional.empty(), clip("bytes=85-", NO_SIZE));
        assertEquals(Optional.empty(), clip("bytes=1000-2000", NO_SIZE));
    }

    @Test
    void aSuffixRangeIsPlacedWithTheObjectsSizeThenClipped() {
        AtomicInteger asked = new AtomicInteger();
        LongSupplier size = () -> {
            asked.incrementAndGet();
            return 100;
        };
        assertEquals(Optional.of(new ByteRange.Closed(60, 84)), clip("bytes=-40", size));
        assertEquals(Optional.empty(), clip("bytes=-10", size), "the last 10 bytes belong to another vector");
        assertEquals(Optional.of(new ByteRange.Closed(0, 0)), clip("bytes=-1000", size), "from byte 0");
        assertEquals(3, asked.get());
        S3Exception empty = assertThrows(S3Exception.class, () -> clip("bytes=-0", size));
        assertEquals(S3ErrorCode.INVALID_RANGE, empty.code());
    }

    @Test
    void theWholeObjectHasNoRunsToClipTo() {
        assertThrows(IllegalStateException.class, () -> ReadableBytes.WHOLE.clip(new ByteRange.From(0), NO_SIZE));
    }

    @Test
    void aDenialOpensNoBytes() {
        assertThrows(IllegalArgumentException.class, () -> new Decision(false, "no", PARTIAL));
        assertTrue(Decision.deny("no").readable().whole());
    }
}
