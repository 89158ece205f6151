import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites jars in place without the native libraries of other platforms (see native-libraries.txt), so the
 * linux-x64 tarball does not carry binaries for Windows, macOS, FreeBSD and a dozen CPUs. Run as a source file:
 * {@code java StripNativeLibraries.java native-libraries.txt DIR...}.
 */
public final class StripNativeLibraries {
    private static final Pattern NATIVE = Pattern.compile(".*\\.(so|dll|dylib|jnilib|a)$");

    record Rule(String jarPrefix, String nativeDir, String keepDir) {
        boolean drops(String entry) {
            return entry.startsWith(nativeDir) && NATIVE.matcher(entry).matches() && !entry.startsWith(keepDir);
        }
    }

    public static void main(String[] args) throws IOException {
        List<Rule> rules = Files.readAllLines(Path.of(args[0])).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\\|", -1))
                .map(f -> new Rule(f[0].strip(), f[1].strip(), f[2].strip()))
                .toList();
        for (int i = 1; i < args.length; i++) {
            try (var jars = Files.list(Path.of(args[i]))) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    for (Rule rule : rules) {
                        if (jar.getFileName().toString().startsWith(rule.jarPrefix() + "-")) {
                            strip(jar, rule);
                        }
                    }
                }
            }
        }
    }

    private static void strip(Path jar, Rule rule) throws IOException {
        Path slim = jar.resolveSibling(jar.getFileName() + ".slim");
        int dropped = 0;
        try (var in = new ZipFile(jar.toFile()); var out = new ZipOutputStream(Files.newOutputStream(slim))) {
            for (ZipEntry entry : in.stream().toList()) {
                if (rule.drops(entry.getName())) {
                    dropped++;
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (var data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
        }
        Files.move(slim, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.println("stripped " + dropped + " foreign native libraries from " + jar.getFileName());
    }
}
