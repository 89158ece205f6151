package proxy.api.policy;

import proxy.api.Table;
import proxy.api.auth.Principal;

/**
 * Decides what a principal may read and write. Deny by default: every method of this interface denies unless an
 * implementation finds a grant that allows. Thread-safe.
 */
public interface Authorizer {

    /** Whether the table is visible to the principal at all (some grant on it). */
    default boolean canSeeTable(Principal principal, String alias) {
        return false;
    }

    /**
     * Whether the principal may GET or HEAD the key (relative to the table root). Called before any backend
     * call for the object; the answer must not depend on whether the object exists. An allowing decision may
     * open only some bytes ({@link Decision#readable()}): the caller then refuses a read without a range, serves a
     * ranged read only from a readable byte and with every unreadable byte zeroed
     * ({@link ReadableBytes#startsReadable}), and never presigns.
     */
    default Decision decideRead(Principal principal, Table table, String key) {
        return Decision.deny("no authorizer");
    }

    /** What the principal may see of a listing of the table. */
    default ListingFilter listingFilter(Principal principal, Table table) {
        return ListingFilter.NOTHING;
    }

    /**
     * The principal's write grants on the table; a write is allowed only inside them. Read grants never appear
     * here.
     */
    default WriteScope writeScope(Principal principal, Table table) {
        return WriteScope.NONE;
    }
}
