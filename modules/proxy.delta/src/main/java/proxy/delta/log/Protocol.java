package proxy.delta.log;

import java.util.List;

/**
 * A {@code protocol} action: the versions and table features a reader and a writer must support.
 *
 * @param minReaderVersion 0 when absent
 * @param minWriterVersion 0 when absent
 * @param readerFeatures   empty when absent
 * @param writerFeatures   empty when absent
 */
public record Protocol(int minReaderVersion, int minWriterVersion, List<String> readerFeatures,
                       List<String> writerFeatures) {
    public Protocol {
        readerFeatures = List.copyOf(readerFeatures);
        writerFeatures = List.copyOf(writerFeatures);
    }
}
