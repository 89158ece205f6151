import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Writes THIRD-PARTY-NOTICES for the jars of an image: every bundled jar with its Maven coordinates and declared
 * license(s), then the NOTICE files and the non-Apache license texts the jars carry. Run as a source file:
 * {@code java ThirdPartyNotices.java OUTPUT MAVEN_REPOSITORY DIR...}.
 *
 * <p>A jar's licenses come from the {@code <licenses>} of the pom.xml inside it, else of its parent poms (read from
 * the local Maven repository, where Maven put them when it resolved the build). A jar whose license cannot be
 * found fails the build: the notices list every bundled library or the image is not made. A library under a license
 * other than the Apache License 2.0 whose jar carries no license text takes it from {@code licenses/ARTIFACT.txt}
 * (directory given by the system property {@code notices.licenses}); one that has neither fails the build too.
 */
public final class ThirdPartyNotices {
    private static final String OWN_GROUP = "io.deltas3proxy";

    record Artifact(String file, String coordinates, List<String> licenses, List<String> notices,
                    List<String> licenseTexts) {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args[0]);
        Path repository = Path.of(args[1]);
        List<Path> jars = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            try (Stream<Path> files = Files.list(Path.of(args[i]))) {
                files.filter(f -> f.toString().endsWith(".jar")).forEach(jars::add);
            }
        }
        jars.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        List<Artifact> artifacts = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Path jar : jars) {
            Artifact artifact = read(jar, repository);
            if (artifact.licenses().isEmpty()) {
                unknown.add(artifact.file());
            }
            artifacts.add(artifact);
        }
        if (!unknown.isEmpty()) {
            System.err.println("ThirdPartyNotices: no license found for " + unknown
                    + "; declare it in jlink/ThirdPartyNotices.java or exclude the jar");
            System.exit(1);
        }
        List<String> textless = artifacts.stream()
                .filter(a -> a.licenseTexts().isEmpty() && a.licenses().stream().noneMatch(l -> l.contains("Apache")))
                .map(Artifact::file).toList();
        if (!textless.isEmpty()) {
            System.err.println("ThirdPartyNotices: no license text for " + textless
                    + "; add jlink/licenses/ARTIFACT.txt with the library's license text");
            System.exit(1);
        }
        Files.writeString(output, render(artifacts), StandardCharsets.UTF_8);
        System.out.println("third-party notices: " + artifacts.size() + " jars -> " + output);
    }

    private static Artifact read(Path jar, Path repository) throws Exception {
        String file = jar.getFileName().toString();
        try (var zip = new ZipFile(jar.toFile())) {
            Optional<ZipEntry> pomProperties = ownPomProperties(zip, file);
            String coordinates = file;
            List<String> licenses = new ArrayList<>();
            if (pomProperties.isPresent()) {
                var properties = new Properties();
                try (InputStream in = zip.getInputStream(pomProperties.get())) {
                    properties.load(in);
                }
                String group = properties.getProperty("groupId");
                coordinates = group + ":" + properties.getProperty("artifactId") + ":" + properties.getProperty("version");
                if (group.equals(OWN_GROUP)) {
                    licenses.add("Apache License, Version 2.0 (this project; see LICENSE)");
                } else {
                    String pomEntry = pomProperties.get().getName().replace("pom.properties", "pom.xml");
                    try (InputStream in = zip.getInputStream(zip.getEntry(pomEntry))) {
                        licenses.addAll(licenses(parse(in), repository, 0));
                    }
                }
            }
            Optional<Path> repositoryPom = licenses.isEmpty() ? repositoryPom(repository, file) : Optional.empty();
            if (repositoryPom.isPresent()) {
                // jars built without Maven metadata (sbt, Gradle) or slimmed: the pom Maven resolved beside the jar
                Path versionDir = repositoryPom.get().getParent();
                coordinates = repository.relativize(versionDir.getParent().getParent()).toString().replace('/', '.')
                        + ":" + versionDir.getParent().getFileName() + ":" + versionDir.getFileName();
                try (InputStream in = Files.newInputStream(repositoryPom.get())) {
                    licenses.addAll(licenses(parse(in), repository, 0));
                }
            }
            List<String> licenseTexts = texts(zip, "LICENSE");
            if (licenseTexts.isEmpty()) {
                licenseTexts = committedText(coordinates);
            }
            return new Artifact(file, coordinates, licenses, texts(zip, "NOTICE"), licenseTexts);
        }
    }

    /** The committed license text for {@code group:artifact:version} (licenses/ARTIFACT.txt), if there is one. */
    private static List<String> committedText(String coordinates) throws IOException {
        String[] parts = coordinates.split(":");
        String directory = System.getProperty("notices.licenses");
        if (parts.length < 2 || directory == null) {
            return List.of();
        }
        Path text = Path.of(directory, parts[1] + ".txt");
        return Files.isRegularFile(text) ? List.of(Files.readString(text, StandardCharsets.UTF_8).strip()) : List.of();
    }

    /** The pom beside {@code file} in the local repository ({@code group/artifact/version/artifact-version.pom}). */
    private static Optional<Path> repositoryPom(Path repository, String file) throws IOException {
        try (Stream<Path> files = Files.walk(repository)) {
            return files.filter(f -> f.getFileName().toString().equals(file)).findFirst()
                    .map(jar -> jar.resolveSibling(jar.getParent().getParent().getFileName() + "-"
                            + jar.getParent().getFileName() + ".pom"))
                    .filter(Files::isRegularFile);
        }
    }

    /** The pom.properties of the jar itself: the one whose artifactId-version names the file, else the only one. */
    private static Optional<ZipEntry> ownPomProperties(ZipFile zip, String file) throws IOException {
        List<? extends ZipEntry> candidates = zip.stream()
                .filter(e -> e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties"))
                .toList();
        for (ZipEntry entry : candidates) {
            var properties = new Properties();
            try (InputStream in = zip.getInputStream(entry)) {
                properties.load(in);
            }
            String prefix = properties.getProperty("artifactId") + "-" + properties.getProperty("version");
            if (file.startsWith(prefix)) {
                return Optional.of(entry);
            }
        }
        return candidates.size() == 1 ? Optional.of(candidates.getFirst()) : Optional.empty();
    }

    /** The pom's own licenses, else its parent's, read from the local repository. */
    private static List<String> licenses(Document pom, Path repository, int depth) throws Exception {
        List<String> licenses = new ArrayList<>();
        Element project = pom.getDocumentElement();
        Element list = child(project, "licenses");
        if (list != null) {
            for (Node n = list.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element license && license.getTagName().equals("license")) {
                    String name = text(child(license, "name"));
                    String url = text(child(license, "url"));
                    licenses.add((name.isEmpty() ? "(unnamed)" : name) + (url.isEmpty() ? "" : " <" + url + ">"));
                }
            }
        }
        Element parent = child(project, "parent");
        if (!licenses.isEmpty() || parent == null || depth > 10) {
            return licenses;
        }
        String group = text(child(parent, "groupId"));
        String artifact = text(child(parent, "artifactId"));
        String version = text(child(parent, "version"));
        Path parentPom = repository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version)
                .resolve(artifact + "-" + version + ".pom");
        if (!Files.isRegularFile(parentPom)) {
            return licenses;
        }
        try (InputStream in = Files.newInputStream(parentPom)) {
            return licenses(parse(in), repository, depth + 1);
        }
    }

    /** Texts of META-INF/NOTICE* or META-INF/LICENSE* files (not directories, not class files). */
    private static List<String> texts(ZipFile zip, String kind) throws IOException {
        List<String> texts = new ArrayList<>();
        for (ZipEntry entry : Collections.list(zip.entries())) {
            String name = entry.getName();
            String base = name.substring(name.lastIndexOf('/') + 1).toUpperCase(java.util.Locale.ROOT);
            if (!entry.isDirectory() && name.startsWith("META-INF/") && base.startsWith(kind)
                    && !base.endsWith(".CLASS") && entry.getSize() < 1_000_000) {
                try (InputStream in = zip.getInputStream(entry)) {
                    texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
                }
            }
        }
        return texts;
    }

    private static String render(List<Artifact> artifacts) throws NoSuchAlgorithmException {
        var out = new StringBuilder();
        out.append("""
                delta-s3-proxy: third-party notices
                ===================================

                This distribution bundles the libraries below (lib/mods and lib/cp), each under its own license,
                and a Java runtime made with jlink from Eclipse Temurin (OpenJDK): GNU General Public License,
                version 2, with the Classpath Exception; its license files are in runtime/legal/.
                delta-s3-proxy itself is under the Apache License, Version 2.0 (LICENSE).
                Generated at build time from the jars' Maven metadata by jlink/ThirdPartyNotices.java.

                Bundled libraries
                -----------------
                """);
        for (Artifact a : artifacts) {
            out.append("\n").append(a.file()).append("\n  ").append(a.coordinates()).append("\n");
            a.licenses().forEach(l -> out.append("  License: ").append(l).append("\n"));
        }
        appendDistinct(out, "NOTICE files of the bundled libraries", artifacts, true);
        appendDistinct(out, "License texts carried by the bundled libraries (other than the Apache License 2.0,"
                + " whose text is in LICENSE)", artifacts, false);
        return out.toString();
    }

    private static void appendDistinct(StringBuilder out, String title, List<Artifact> artifacts, boolean notices)
            throws NoSuchAlgorithmException {
        Map<String, java.util.Set<String>> byText = new LinkedHashMap<>();
        for (Artifact a : artifacts) {
            for (String text : notices ? a.notices() : a.licenseTexts()) {
                if (text.isEmpty() || (!notices && isApache2(text))) {
                    continue;
                }
                byText.computeIfAbsent(text, t -> new java.util.LinkedHashSet<>()).add(a.file());
            }
        }
        out.append("\n\n").append(title).append("\n").append("-".repeat(title.length())).append("\n");
        var sha = MessageDigest.getInstance("SHA-256");
        byText.forEach((text, files) -> out.append("\n=== ").append(String.join(", ", files))
                .append(" [").append(HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 4))
                .append("]\n\n").append(text).append("\n"));
    }

    private static boolean isApache2(String text) {
        String start = text.length() > 600 ? text.substring(0, 600) : text;
        return start.contains("Apache License") && start.contains("Version 2.0")
                && text.contains("END OF TERMS AND CONDITIONS") && !text.contains("APPENDIX: Additional")
                && text.length() < 11_700;
    }

    private static Document parse(InputStream in) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(in);
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element element) {
        return element == null ? "" : element.getTextContent().strip().replaceAll("\\s+", " ");
    }
}
