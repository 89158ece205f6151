package proxy.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * A throw-away certificate authority for TLS tests, written with JDK classes only (no openssl, no BouncyCastle):
 * an EC P-256 root, and server certificates for {@code localhost} / {@code 127.0.0.1} with RSA or EC keys and the
 * serial number the test chooses. Certificates are DER-encoded here and signed with {@code SHA256withECDSA}; they
 * carry the extensions strict verifiers (OpenSSL's X509_STRICT) require: basic constraints, key usage, subject and
 * authority key identifiers, and for servers the subject alternative names and serverAuth.
 */
public final class TestPki {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final KeyPair caKeys;
    private final X509Certificate ca;

    /** A new root named {@code CN=<name>}, valid from an hour ago for two days. */
    public TestPki(String name) {
        try {
            caKeys = keyPair("EC");
            ca = sign(name, name, BigInteger.ONE, caKeys.getPublic(), caExtensions(caKeys.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server's key and chain (leaf, root). */
    public record Issued(PrivateKey key, List<X509Certificate> chain) {
        /** The server certificate. */
        public X509Certificate leaf() {
            return chain.getFirst();
        }

        /** Writes the chain as PEM and the key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
        public void writePem(Path certificate, Path privateKey) {
            var pem = new StringBuilder();
            chain.forEach(c -> pem.append(pem("CERTIFICATE", encoded(c))));
            write(certificate, pem.toString());
            write(privateKey, pem("PRIVATE KEY", key.getEncoded()));
        }

        /** Writes a PKCS#12 keystore holding the key and chain under alias {@code server}. */
        public void writePkcs12(Path file, char[] password) {
            try (OutputStream out = Files.newOutputStream(file)) {
                var store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("server", key, password, chain.toArray(new X509Certificate[0]));
                store.store(out, password);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The root certificate, to trust. */
    public X509Certificate ca() {
        return ca;
    }

    /** Writes the root certificate as PEM (a CA bundle for boto3, curl, ...). */
    public void writeCaPem(Path file) {
        write(file, pem("CERTIFICATE", encoded(ca)));
    }

    /** A PKCS#12 trust store holding the root under alias {@code ca}. */
    public KeyStore trustStore() {
        try {
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", ca);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A server certificate for {@code CN=localhost} (SAN {@code localhost}, {@code 127.0.0.1}), valid from an hour
     * ago for two days.
     *
     * @param keyAlgorithm {@code RSA} (2048 bits) or {@code EC} (P-256)
     */
    public Issued issue(String keyAlgorithm, BigInteger serial) {
        try {
            KeyPair keys = keyPair(keyAlgorithm);
            X509Certificate leaf = sign("localhost", issuerName(), serial, keys.getPublic(),
                    serverExtensions(keys.getPublic()));
            return new Issued(keys.getPrivate(), List.of(leaf, ca));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code -----BEGIN type-----}, base64 in lines of 64, {@code -----END type-----}. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private String issuerName() {
        return ca.getSubjectX500Principal().getName().substring("CN=".length());
    }

    private static KeyPair keyPair(String algorithm) throws GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    private byte[][] caExtensions(PublicKey key) throws GeneralSecurityException {
        return new byte[][] {
                extension("2.5.29.19", true, Der.seq(Der.tlv(0x01, new byte[] {(byte) 0xFF}))),
                extension("2.5.29.15", true, Der.tlv(0x03, new byte[] {1, 0x06})),
                extension("2.5.29.14", false, Der.tlv(0x04, keyId(key)))};
    }

    private byte[][] serverExtensions(PublicKey key) throws GeneralSecurityException {
        byte[] names = Der.seq(Der.tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                Der.tlv(0x87, new byte[] {127, 0, 0, 1}));
        return new byte[][] {
                extension("2.5.29.19", false, Der.seq()),
                extension("2.5.29.15", true, Der.tlv(0x03, new byte[] {5, (byte) 0xA0})),
                extension("2.5.29.37", false, Der.seq(Der.oid("1.3.6.1.5.5.7.3.1"))),
                extension("2.5.29.17", false, names),
                extension("2.5.29.14", false, Der.tlv(0x04, keyId(key))),
                extension("2.5.29.35", false, Der.seq(Der.tlv(0x80, keyId(caKeys.getPublic()))))};
    }

    private X509Certificate sign(String subject, String issuer, BigInteger serial, PublicKey key,
                                 byte[][] extensions) throws GeneralSecurityException {
        byte[] algorithm = Der.seq(Der.oid("1.2.840.10045.4.3.2"));
        Instant now = Instant.now();
        byte[] tbs = Der.seq(
                Der.tlv(0xA0, Der.tlv(0x02, BigInteger.TWO.toByteArray())),
                Der.tlv(0x02, serial.toByteArray()),
                algorithm,
                name(issuer),
                Der.seq(utcTime(now.minus(Duration.ofHours(1))), utcTime(now.plus(Duration.ofDays(2)))),
                name(subject),
                key.getEncoded(),
                Der.tlv(0xA3, Der.seq(extensions)));
        var signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(caKeys.getPrivate());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bits = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bits, 1, signature.length);
        byte[] der = Der.seq(tbs, algorithm, Der.tlv(0x03, bits));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.seq(Der.oid(oid), Der.tlv(0x01, new byte[] {(byte) 0xFF}), Der.tlv(0x04, value))
                : Der.seq(Der.oid(oid), Der.tlv(0x04, value));
    }

    private static byte[] name(String commonName) {
        return Der.seq(Der.tlv(0x31, Der.seq(Der.oid("2.5.4.3"),
                Der.tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] utcTime(Instant instant) {
        return Der.tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] keyId(PublicKey key) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-1").digest(key.getEncoded());
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Just enough DER: tag-length-value with definite lengths. */
    private static final class Der {
        static byte[] seq(byte[]... parts) {
            return tlv(0x30, parts);
        }

        static byte[] tlv(int tag, byte[]... parts) {
            var content = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                content.writeBytes(part);
            }
            var out = new ByteArrayOutputStream();
            out.write(tag);
            int length = content.size();
            if (length < 0x80) {
                out.write(length);
            } else {
                byte[] bytes = BigInteger.valueOf(length).toByteArray();
                int skip = bytes[0] == 0 ? 1 : 0;
                out.write(0x80 | (bytes.length - skip));
                out.write(bytes, skip, bytes.length - skip);
            }
            out.writeBytes(content.toByteArray());
            return out.toByteArray();
        }

        static byte[] oid(String dotted) {
            String[] arcs = dotted.split("\\.");
            var out = new ByteArrayOutputStream();
            out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
            for (int i = 2; i < arcs.length; i++) {
                long arc = Long.parseLong(arcs[i]);
                int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
                for (int g = groups - 1; g >= 0; g--) {
                    out.write((int) ((arc >>> (7 * g)) & 0x7F) | (g > 0 ? 0x80 : 0));
                }
            }
            return tlv(0x06, out.toByteArray());
        }
    }
}
