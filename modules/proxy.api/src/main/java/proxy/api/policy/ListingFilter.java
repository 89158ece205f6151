package proxy.api.policy;

/** Which entries of one table's listing a principal may see. */
public interface ListingFilter {

    /** Whether the key (relative to the table root) may appear as an object. */
    boolean showsKey(String key);

    /** Whether the common prefix (relative, ending with the delimiter) has a readable key beneath it. */
    boolean showsPrefix(String prefix);

    /** The filter that shows nothing. */
    ListingFilter NOTHING = new ListingFilter() {
        @Override
        public boolean showsKey(String key) {
            return false;
        }

        @Override
        public boolean showsPrefix(String prefix) {
            return false;
        }
    };
}
