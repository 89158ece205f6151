package proxy.delta.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Deletion vector descriptors name the files PROTOCOL.md derives. */
class DeletionVectorPathsTest {
    private final DeletionVectorPaths paths = new DeletionVectorPaths(new TablePaths(URI.create("s3://bucket/tables/t/")));

    @Test
    void aRandomPrefixBecomesADirectory() {
        // The example of PROTOCOL.md, "Deletion Vector Descriptor".
        assertEquals(Optional.of("ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin"),
                paths.keyOf(new FileAction.DeletionVectorRef("u", "ab^-aqEH.-t@S}K{vb[*k^")));
    }

    @Test
    void withoutPrefixTheFileIsAtTheRoot() {
        assertEquals(Optional.of("deletion_vector_b6a98cdd-7843-470d-8897-708cdffa38c5.bin"),
                paths.keyOf(new FileAction.DeletionVectorRef("u", "WYbkwCTB$gH)J7t?$/sK")));
    }

    @Test
    void absolutePathsCountOnlyInsideTheTable() {
        assertEquals(Optional.of("dv/x.bin"),
                paths.keyOf(new FileAction.DeletionVectorRef("p", "s3a://bucket/tables/t/dv/x.bin")));
        assertEquals(Optional.empty(),
                paths.keyOf(new FileAction.DeletionVectorRef("p", "s3://bucket/tables/other/x.bin")));
    }

    @Test
    void inlineAndMalformedNameNoFile() {
        assertEquals(Optional.empty(), paths.keyOf(new FileAction.DeletionVectorRef("i", "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L")));
        assertEquals(Optional.empty(), paths.keyOf(new FileAction.DeletionVectorRef("u", "short")));
        assertEquals(Optional.empty(), paths.keyOf(new FileAction.DeletionVectorRef("u", "~~~~~~~~~~~~~~~~~~~~")));
        assertEquals(Optional.empty(), paths.keyOf(new FileAction.DeletionVectorRef("u", "..^-aqEH.-t@S}K{vb[*k^")));
    }
}
