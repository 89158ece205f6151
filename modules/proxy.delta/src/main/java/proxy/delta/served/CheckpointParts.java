package proxy.delta.served;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import proxy.api.delta.LogNames;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import proxy.delta.filtered.LogView;
import proxy.delta.log.LogFile;

/**
 * Which upstream files one filtered checkpoint is built from: the classic {@code V.checkpoint.parquet} when it
 * exists, else every part of a multi-part checkpoint, else the first v2 checkpoint (in key order).
 *
 * @param chosen     the files, as listed (with their ETags); empty when the version has no checkpoint
 * @param firstShown the first upstream key (in key order) that the view maps to the version's filtered checkpoint:
 *                   a listing shows the filtered checkpoint at that key only, so a version with several upstream
 *                   checkpoints (classic and v2, two multi-part sets) is listed once, even across pages
 */
record CheckpointParts(List<ObjectMeta> chosen, Optional<String> firstShown) {
    CheckpointParts {
        chosen = List.copyOf(chosen);
    }

    /**
     * Lists the upstream checkpoint files of a version.
     *
     * @throws proxy.api.S3Exception when the store cannot list
     */
    static CheckpointParts of(ObjectStore upstream, long version) {
        String prefix = LogNames.DIR + String.format("%020d.checkpoint.", version);
        List<ObjectMeta> classic = new ArrayList<>();
        List<ObjectMeta> parts = new ArrayList<>();
        List<ObjectMeta> v2 = new ArrayList<>();
        Optional<String> firstShown = Optional.empty();
        Optional<String> token = Optional.empty();
        do {
            ListPage page = upstream.list(new ListQuery(prefix, Optional.empty(), Optional.empty(), token, 1000));
            for (ObjectMeta meta : page.objects()) {
                if (firstShown.isEmpty() && LogView.visible(meta.key().substring(LogNames.DIR.length()))) {
                    firstShown = Optional.of(meta.key());
                }
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
        List<ObjectMeta> chosen = !classic.isEmpty() ? classic
                : !parts.isEmpty() ? parts : v2.isEmpty() ? List.of() : List.of(v2.getFirst());
        return new CheckpointParts(chosen, firstShown);
    }

    /** The names under {@code _delta_log/} of the chosen files. */
    List<String> names() {
        return chosen.stream().map(m -> m.key().substring(LogFile.LOG_DIR.length())).toList();
    }
}
