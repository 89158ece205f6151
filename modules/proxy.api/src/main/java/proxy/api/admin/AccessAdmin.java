package proxy.api.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import proxy.api.config.PartitionSpec;
import proxy.api.config.Secret;
import proxy.api.policy.Access;

/**
 * What an operator changes in the database of principals, access keys and grants: the operations behind the
 * {@code users}, {@code grants} and {@code secrets} commands. Each method is one transaction: it happens whole or
 * not at all. Not for the request path (the proxy reads the database through its credential and policy stores).
 * The caller closes it.
 */
public interface AccessAdmin extends AutoCloseable {

    /**
     * Creates an enabled principal with a new access key pair.
     *
     * @return the key pair; the only time the secret is ever shown
     * @throws Refused when the name is invalid, reserved, exists in the database or names a config user
     */
    IssuedKey addUser(String name);

    /** Every database principal, by name. */
    List<UserSummary> users();

    /**
     * Enables or disables a principal and so every access key it has.
     *
     * @throws Refused when there is no such principal
     */
    void setEnabled(String name, boolean enabled);

    /**
     * Issues a new key pair for a principal; its current keys stay valid for {@code grace}, then are refused.
     * Keys whose grace period is over are deleted.
     *
     * @param grace how long the old keys keep working; zero refuses them at once
     * @throws Refused when there is no such principal
     */
    IssuedKey rotateKey(String name, Duration grace);

    /**
     * Grants a principal (or {@code *}, everyone) the files of a table whose partition values match.
     *
     * @return the grant's id, for {@link #revokeGrant}
     * @throws Refused when the principal does not exist (and is not {@code *} or a config user)
     */
    long addGrant(String principal, String table, PartitionSpec partition);

    /**
     * Grants a principal the files of a table whose partition values match, for reading or (with
     * {@link Access#WRITE}) for writing and reading. The default refuses write grants it cannot store.
     *
     * @return the grant's id, for {@link #revokeGrant}
     * @throws Refused when the principal does not exist (and is not {@code *} or a config user)
     */
    default long addGrant(String principal, String table, PartitionSpec partition, Access access) {
        if (access != Access.READ) {
            throw new Refused("this database cannot store write grants");
        }
        return addGrant(principal, table, partition);
    }

    /** The grants, by id, optionally only those of one principal and/or one table. */
    List<GrantRow> grants(Optional<String> principal, Optional<String> table);

    /**
     * Deletes a grant.
     *
     * @throws Refused when there is no grant with this id
     */
    void revokeGrant(long id);

    /**
     * Re-encrypts every stored secret under {@code newKey} (legacy plain-text secrets included), in one
     * transaction.
     *
     * @return how many secrets were re-encrypted
     * @throws Refused when a stored secret cannot be decrypted with the configured key
     */
    int rotateSecretsKey(Secret newKey);

    @Override
    void close();

    /**
     * A new access key pair.
     *
     * @param principal the principal it authenticates
     * @param accessKey the public access key id
     * @param secretKey the secret, shown to the operator once
     */
    record IssuedKey(String principal, String accessKey, Secret secretKey) {
    }

    /**
     * One database principal.
     *
     * @param name    the principal name grants refer to
     * @param enabled whether its keys may be used
     * @param keys    its access keys, newest first
     * @param grants  how many grants name it
     */
    record UserSummary(String name, boolean enabled, List<KeySummary> keys, int grants) {
        public UserSummary {
            keys = List.copyOf(keys);
        }
    }

    /**
     * One access key of a principal (never its secret).
     *
     * @param accessKey the access key id
     * @param expiresAt when a rotated-out key stops working; empty for a current key
     */
    record KeySummary(String accessKey, Optional<Instant> expiresAt) {
    }

    /**
     * One grant.
     *
     * @param id        its id ({@code db:permissions#<id>} in the audit log)
     * @param principal the principal name or {@code *}
     * @param table     the table alias
     * @param partition the partition values a file must have; empty for the whole table
     * @param access    read, or write (which implies read)
     */
    record GrantRow(long id, String principal, String table, PartitionSpec partition, Access access) {
        /** A read grant. */
        public GrantRow(long id, String principal, String table, PartitionSpec partition) {
            this(id, principal, table, partition, Access.READ);
        }
    }

    /** An operation refused because of what the operator asked (no such user, name taken, ...). */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }
}
