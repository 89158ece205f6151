package proxy.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import proxy.api.config.TlsConfig;

/**
 * Reads {@link ServerCredentials} from the files a {@link TlsConfig} names: a PEM certificate chain plus a PEM
 * PKCS#8 private key, or a PKCS#12 keystore with exactly one private key entry. Messages name the file and what is
 * wrong with it, never its contents.
 */
final class CredentialFiles {
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private CredentialFiles() {
    }

    /**
     * @throws IOException              when a file cannot be read
     * @throws GeneralSecurityException when a file does not hold what it should, or key and certificate differ
     */
    static ServerCredentials load(TlsConfig config) throws IOException, GeneralSecurityException {
        if (config.keystore().isPresent()) {
            char[] password = config.keystorePassword().map(s -> s.reveal().toCharArray()).orElse(new char[0]);
            return pkcs12(config.keystore().get(), password);
        }
        List<X509Certificate> chain = certificates(config.certificate().orElseThrow());
        return ServerCredentials.matching(privateKey(config.privateKey().orElseThrow(), chain.getFirst()), chain);
    }

    private static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        var factory = CertificateFactory.getInstance("X.509");
        var chain = new ArrayList<X509Certificate>();
        for (Block block : blocks(file)) {
            if (block.type().equals("CERTIFICATE")) {
                try (InputStream in = new java.io.ByteArrayInputStream(block.der())) {
                    chain.add((X509Certificate) factory.generateCertificate(in));
                }
            }
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException(file + " holds no PEM CERTIFICATE block");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file, X509Certificate leaf) throws IOException, GeneralSecurityException {
        List<Block> blocks = blocks(file);
        for (Block block : blocks) {
            switch (block.type()) {
                case "PRIVATE KEY" -> {
                    String algorithm = leaf.getPublicKey().getAlgorithm();
                    try {
                        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(block.der()));
                    } catch (java.security.spec.InvalidKeySpecException e) {
                        throw new GeneralSecurityException(file + " is not a PKCS#8 " + algorithm
                                + " private key, the type of the certificate's key");
                    }
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new GeneralSecurityException(file + " holds a "
                        + block.type() + " (PKCS#1/SEC1); convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in "
                        + file.getFileName() + " -out key.pem");
                case "ENCRYPTED PRIVATE KEY" -> throw new GeneralSecurityException(file + " is encrypted; give an"
                        + " unencrypted PKCS#8 key, or a PKCS#12 keystore with tls.keystorePassword");
                default -> {
                    // parameters (EC PARAMETERS) or certificates beside the key: not ours to read
                }
            }
        }
        throw new GeneralSecurityException(file + " holds no PEM PRIVATE KEY block");
    }

    private static ServerCredentials pkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
        var store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (IOException e) {
            // the JDK reports a wrong password as an IOException whose cause is UnrecoverableKeyException
            if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                throw new GeneralSecurityException(file + ": wrong keystore password");
            }
            throw new GeneralSecurityException(file + " is not a readable PKCS#12 keystore ("
                    + e.getClass().getSimpleName() + ")");
        }
        List<String> keyAliases = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                keyAliases.add(alias);
            }
        }
        if (keyAliases.size() != 1) {
            throw new GeneralSecurityException(file + " holds " + keyAliases.size()
                    + " private key entries; it must hold exactly one");
        }
        String alias = keyAliases.getFirst();
        var key = (PrivateKey) store.getKey(alias, password);
        var chain = new ArrayList<X509Certificate>();
        for (var certificate : store.getCertificateChain(alias)) {
            chain.add((X509Certificate) certificate);
        }
        return ServerCredentials.matching(key, chain);
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(Path file) throws IOException, GeneralSecurityException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        var blocks = new ArrayList<Block>();
        Matcher matcher = PEM_BLOCK.matcher(text);
        while (matcher.find()) {
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                throw new GeneralSecurityException(file + ": a " + matcher.group(1) + " block is not valid base64");
            }
        }
        if (blocks.isEmpty()) {
            throw new GeneralSecurityException(file + " is not a PEM file (no -----BEGIN ...----- block)");
        }
        return blocks;
    }
}
