package proxy.delta.filtered;

/**
 * What was written for one filtered checkpoint; {@code _last_checkpoint} is derived from it.
 *
 * @param version     the checkpoint's table version
 * @param actions     rows (actions) in the filtered checkpoint
 * @param addFiles    {@code add} rows among them
 * @param sizeInBytes the filtered checkpoint's size
 */
public record FilteredCheckpoint(long version, long actions, long addFiles, long sizeInBytes) {
    public FilteredCheckpoint {
        if (version < 0 || actions < 0 || addFiles < 0 || sizeInBytes < 0) {
            throw new IllegalArgumentException("negative checkpoint figure");
        }
    }
}
