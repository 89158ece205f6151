package proxy.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A server's private key and its certificate chain (leaf first), checked to belong together: the key signs a
 * random challenge that the leaf's public key verifies.
 *
 * @param key   RSA or EC private key
 * @param chain the leaf certificate, then its issuers
 */
record ServerCredentials(PrivateKey key, List<X509Certificate> chain) {

    /** @throws GeneralSecurityException when the chain is empty, the key type unsupported or not the leaf's key */
    static ServerCredentials matching(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate");
        }
        var credentials = new ServerCredentials(key, List.copyOf(chain));
        credentials.checkKeyMatchesLeaf();
        return credentials;
    }

    /** The certificate clients see. */
    X509Certificate leaf() {
        return chain.getFirst();
    }

    /** Subject, serial (hex) and expiry of the leaf, for log lines. */
    String describe() {
        return leaf().getSubjectX500Principal().getName() + ", serial " + leaf().getSerialNumber().toString(16)
                + ", valid until " + leaf().getNotAfter().toInstant();
    }

    private void checkKeyMatchesLeaf() throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new GeneralSecurityException("unsupported private key type " + key.getAlgorithm()
                    + " (RSA or EC only)");
        };
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        var signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        var verifier = Signature.getInstance(algorithm);
        try {
            verifier.initVerify(leaf().getPublicKey());
            verifier.update(challenge);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's: reported below like any other mismatch
        }
        throw new GeneralSecurityException("the private key does not belong to the first certificate ("
                + leaf().getSubjectX500Principal().getName() + ")");
    }
}
