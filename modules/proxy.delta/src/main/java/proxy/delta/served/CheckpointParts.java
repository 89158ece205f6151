package proxy.delta.served;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import proxy.api.delta.LogNames;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import proxy.delta.log.LogFile;

/**
 * Which upstream files one filtered checkpoint is built from: the classic {@code V.checkpoint.parquet} when it
 * exists, else every part of a multi-part checkpoint, else the first v2 checkpoint (in key order).
 */
final class CheckpointParts {
    private CheckpointParts() {
    }

    /**
     * The upstream checkpoint files of a version, as listed (with their ETags); empty when it has none.
     *
     * @throws proxy.api.S3Exception when the store cannot list
     */
    static List<ObjectMeta> of(ObjectStore upstream, long version) {
        String prefix = LogNames.DIR + String.format("%020d.checkpoint.", version);
        List<ObjectMeta> classic = new ArrayList<>();
        List<ObjectMeta> parts = new ArrayList<>();
        List<ObjectMeta> v2 = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            ListPage page = upstream.list(new ListQuery(prefix, Optional.empty(), Optional.empty(), token, 1000));
            for (ObjectMeta meta : page.objects()) {
                LogNames.parse(meta.key()).ifPresent(name -> {
                    switch (name.kind()) {
                        case CHECKPOINT -> classic.add(meta);
                        case CHECKPOINT_PART -> parts.add(meta);
                        case V2_CHECKPOINT_JSON, V2_CHECKPOINT_PARQUET -> v2.add(meta);
                        default -> { }
                    }
                });
            }
            token = page.nextToken();
        } while (token.isPresent());
        if (!classic.isEmpty()) {
            return classic;
        }
        return !parts.isEmpty() ? parts : v2.isEmpty() ? List.of() : List.of(v2.getFirst());
    }

    /** The names under {@code _delta_log/} of listed files. */
    static List<String> names(List<ObjectMeta> files) {
        return files.stream().map(m -> m.key().substring(LogFile.LOG_DIR.length())).toList();
    }
}
