package proxy.api.config;

import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The rules for {@code listingTokenKeys}: each key is {@value #KEY_BYTES} random bytes in base64
 * ({@code head -c 32 /dev/urandom | base64}), at most {@value #MAX_KEYS} of them. The first seals new tokens and
 * every key opens them, so an operator rotates by putting a new key first and dropping the old one once no listing
 * that started before can still be running.
 */
public final class ListingTokenKeys {
    /** The length of each key in bytes. */
    public static final int KEY_BYTES = 32;
    /** How many keys may be listed (the current one and those being rotated out). */
    public static final int MAX_KEYS = 8;

    private ListingTokenKeys() {
    }

    /**
     * The keys, checked and copied.
     *
     * @throws ConfigException naming {@code listingTokenKeys[i]} (never the value) for a key that is not base64 of
     *                         {@value #KEY_BYTES} bytes, a repeated key, or too many keys
     */
    public static List<Secret> valid(List<Secret> keys) {
        Objects.requireNonNull(keys, "listingTokenKeys");
        if (keys.size() > MAX_KEYS) {
            throw new ConfigException("listingTokenKeys", "lists " + keys.size() + " keys; at most " + MAX_KEYS);
        }
        for (int i = 0; i < keys.size(); i++) {
            decode(keys.get(i), "listingTokenKeys[" + i + "]");
            for (int j = 0; j < i; j++) {
                if (keys.get(j).reveal().strip().equals(keys.get(i).reveal().strip())) {
                    throw new ConfigException("listingTokenKeys[" + i + "]", "repeats listingTokenKeys[" + j + "]");
                }
            }
        }
        return List.copyOf(keys);
    }

    /**
     * The raw bytes of one key.
     *
     * @param key the configuration key it came from, for the error message
     */
    public static byte[] decode(Secret secret, String key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret.reveal().strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "must be " + KEY_BYTES + " random bytes in base64"
                    + " (e.g. head -c 32 /dev/urandom | base64); it is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new ConfigException(key, "must be " + KEY_BYTES + " random bytes in base64"
                    + " (e.g. head -c 32 /dev/urandom | base64); it decodes to " + bytes.length + " bytes");
        }
        return bytes;
    }
}
