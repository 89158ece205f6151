package proxy.api.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

    private static boolean starts(String header, LongSupplier size) {
        return PARTIAL.startsReadable(ByteRange.parse(header).orElseThrow(), size);
    }

    @Test
    void runsAreSortedAndTouchingOrOverlappingRunsJoin() {
        ReadableBytes joined = ReadableBytes.only(List.of(new ReadableBytes.Run(5, 9), new ReadableBytes.Run(1, 5),
                new ReadableBytes.Run(20, 30), new ReadableBytes.Run(25, 26), new ReadableBytes.Run(40, 40)));
        assertEquals(List.of(new ReadableBytes.Run(1, 9), new ReadableBytes.Run(20, 30)), joined.runs());
        assertTrue(ReadableBytes.WHOLE.whole());
    }

    @Test
    void aRangeMayBeReadIffItsFirstByteIsReadable() {
        for (String ok : List.of("bytes=43-84", "bytes=50-60", "bytes=0-0", "bytes=43-254", "bytes=43-",
                "bytes=0-", "bytes=84-84")) {
            assertTrue(starts(ok, NO_SIZE), ok);
        }
        for (String refused : List.of("bytes=1-42", "bytes=42-84", "bytes=85-", "bytes=1000-2000")) {
            assertFalse(starts(refused, NO_SIZE), refused);
        }
        assertTrue(PARTIAL.readable(0) && PARTIAL.readable(43) && PARTIAL.readable(84));
        assertFalse(PARTIAL.readable(1) || PARTIAL.readable(42) || PARTIAL.readable(85));
    }

    @Test
    void aSuffixRangeIsPlacedWithTheObjectsSize() {
        AtomicInteger asked = new AtomicInteger();
        LongSupplier size = () -> {
            asked.incrementAndGet();
            return 100;
        };
        assertTrue(starts("bytes=-40", size), "from byte 60");
        assertFalse(starts("bytes=-10", size), "the last 10 bytes belong to another vector");
        assertTrue(starts("bytes=-1000", size), "from byte 0");
        assertEquals(3, asked.get());
        S3Exception empty = assertThrows(S3Exception.class, () -> starts("bytes=-0", size));
        assertEquals(S3ErrorCode.INVALID_RANGE, empty.code());
    }

    @Test
    void theWholeObjectHasNoRuns() {
        assertThrows(IllegalStateException.class,
                () -> ReadableBytes.WHOLE.startsReadable(new ByteRange.From(0), NO_SIZE));
    }

    @Test
    void aDenialOpensNoBytes() {
        assertThrows(IllegalArgumentException.class, () -> new Decision(false, "no", PARTIAL));
        assertTrue(Decision.deny("no").readable().whole());
    }
}
