package proxy.http;

import proxy.api.storage.Utf8Order;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.Table;
import proxy.api.delta.FileCursor;
import proxy.api.delta.IndexedFile;
import proxy.api.delta.LogNames;
import proxy.api.policy.ListingFilter;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;

/**
 * The keys one principal may see in one table, relative to its root, in UTF-8 byte order: data files from the
 * Delta index (only the partitions the principal may see are read, so nothing here costs more, or answers
 * differently, for what is hidden), merged with the protocol files of {@code _delta_log/}, the one part read from
 * the store (or, for a principal whose log is filtered, from the index's filtered view of it, which renames
 * checkpoints and leaves hidden objects out). Foreign objects under {@code _delta_log/} are read and dropped; those reads count against the
 * request's store-page budget. Objects the log does not reference never appear, anywhere in the table.
 *
 * <p>A data file whose size or time the log does not state (deletion-vector files, a size-less {@code remove})
 * is confirmed with a HEAD, which gives those facts and the ETag a GET would show; one the store no longer holds
 * (vacuumed) is then left out.
 */
final class TableKeys {
    private final Table table;
    private final ListingResult.Builder page;
    private final FileCursor files;
    private final LogObjects log;
    private final ObjectStore logStore;
    private ListingResult.Listed nextFile;
    private boolean filesDone;

    /**
     * @param prefix     the relative prefix of the listing
     * @param startAfter only keys strictly after this (relative)
     * @param page       counts the store pages read; a walk stops at {@link BucketWalker#MAX_STORE_PAGES}
     */
    TableKeys(Table table, ListingFilter filter, String prefix, Optional<String> startAfter,
              ListingResult.Builder page) {
        this.table = Objects.requireNonNull(table, "table");
        this.page = Objects.requireNonNull(page, "page");
        boolean logOnly = LogNames.inLog(prefix);
        this.files = logOnly ? null : table.index().files(prefix, startAfter, filter::showsPartition);
        this.filesDone = logOnly;
        boolean logInRange = logOnly || LogNames.DIR.startsWith(prefix);
        this.log = logInRange && filter.showsLog()
                ? new LogObjects(logOnly ? prefix : LogNames.DIR, startAfter) : null;
        this.logStore = log == null ? null
                : filter.filteredLog().map(grant -> table.index().filteredLog(grant)).orElse(table.store());
    }

    /** An entry of this table, or {@code null} at the end or at the budget's stop ({@link #stopped()}). */
    ListingResult.Listed next() {
        ListingResult.Listed file = peekFile();
        if (file != null && Utf8Order.compare(file.key(), LogNames.DIR) < 0) {
            nextFile = null;
            return file; // sorts before the whole log: no need to list it yet
        }
        ObjectMeta logged = log == null ? null : log.peek();
        if (log != null && logged == null && log.stopped()) {
            return null;
        }
        if (logged != null && (file == null || Utf8Order.compare(logged.key(), file.key()) < 0)) {
            log.take();
            return new ListingResult.Listed(logged.key(), logged.size(), logged.lastModified(),
                    Optional.of(logged.etag()));
        }
        nextFile = null;
        return file;
    }

    /** Whether {@link #next()} ended at the store-page budget rather than at the end of the table. */
    boolean stopped() {
        return log != null && log.stopped();
    }

    /**
     * After a stop, the last log object read (a relative key): every entry up to it has been given. Empty when the
     * budget ran out before this table's log was read at all.
     */
    Optional<String> lastLogRead() {
        return log == null ? Optional.empty() : log.lastRead();
    }

    /** Skips every key that starts with a relative prefix (a rolled-up common prefix). */
    void skipPrefix(String prefix) {
        if (nextFile != null && nextFile.key().startsWith(prefix)) {
            nextFile = null;
        }
        if (files != null) {
            files.skipPrefix(prefix);
        }
        if (log != null) {
            log.skipPrefix(prefix);
        }
    }

    private ListingResult.Listed peekFile() {
        while (nextFile == null && !filesDone) {
            Optional<IndexedFile> found = files.next();
            if (found.isEmpty()) {
                filesDone = true;
            } else {
                nextFile = describe(found.get());
            }
        }
        return nextFile;
    }

    private ListingResult.Listed describe(IndexedFile file) {
        if (file.described()) {
            return new ListingResult.Listed(file.key(), file.size().getAsLong(), file.lastModified().get(),
                    Optional.empty());
        }
        try {
            ObjectMeta meta = table.store().head(file.key());
            return new ListingResult.Listed(file.key(), meta.size(), meta.lastModified(), Optional.of(meta.etag()));
        } catch (S3Exception e) {
            if (e.code() == S3ErrorCode.NO_SUCH_KEY) {
                return null;
            }
            throw e;
        }
    }

    /** The protocol files under {@code _delta_log/} from store pages, within the request's budget. */
    private final class LogObjects {
        private final String prefix;
        private final Optional<String> startAfter;
        private Optional<String> token = Optional.empty();
        private Iterator<ObjectMeta> buffered = List.<ObjectMeta>of().iterator();
        private boolean more = true;
        private String skipping;
        private boolean relist;
        private ObjectMeta head;
        private String lastRead;
        private boolean stopped;

        LogObjects(String prefix, Optional<String> startAfter) {
            this.prefix = prefix;
            this.startAfter = startAfter;
        }

        ObjectMeta peek() {
            while (head == null && !stopped) {
                if (buffered.hasNext()) {
                    ObjectMeta meta = buffered.next();
                    lastRead = meta.key();
                    boolean skipped = skipping != null && meta.key().startsWith(skipping);
                    head = !skipped && LogNames.isProtocolFile(meta.key()) ? meta : null;
                } else if (more) {
                    readPage();
                } else {
                    break;
                }
            }
            return head;
        }

        void take() {
            head = null;
        }

        boolean stopped() {
            return stopped;
        }

        Optional<String> lastRead() {
            return Optional.ofNullable(lastRead);
        }

        /** Drops what starts with the prefix; the next page, if one is needed, is listed from past it. */
        void skipPrefix(String rolledUp) {
            if (head != null && head.key().startsWith(rolledUp)) {
                head = null;
            }
            skipping = rolledUp;
            relist = true;
        }

        private void readPage() {
            if (page.pages() >= BucketWalker.MAX_STORE_PAGES) {
                stopped = true;
                return;
            }
            String bound = relist ? skipping + "\uDBFF\uDFFF" : null; // U+10FFFF: past what the prefix starts
            relist = false;
            Optional<String> after;
            Optional<String> from;
            if (bound != null && (lastRead == null || Utf8Order.compare(bound, lastRead) > 0)) {
                after = Optional.of(startAfter.filter(s -> Utf8Order.compare(s, bound) > 0).orElse(bound));
                from = Optional.empty();
            } else {
                from = token;
                after = token.isPresent() ? Optional.empty() : startAfter;
            }
            ListPage listed = logStore.list(new ListQuery(prefix, Optional.empty(), after, from, 1000));
            page.countPage();
            buffered = listed.objects().iterator();
            token = listed.nextToken();
            more = listed.truncated();
        }
    }
}
