import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.StringEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the jars named in slim-jars.txt in place with only the classes the proxy can reach. Run as a source
 * file: {@code java SlimJars.java slim-jars.txt DIR...} (every jar of the DIRs is read; only listed ones change).
 *
 * <p>A class of a slimmed jar is kept when its package is listed ({@code keep a/b}, or {@code keep a/b/**} with the
 * subpackages) or when any kept class, or any class of a jar that is not slimmed, refers to it: the constant pool's
 * classes, every {@code Lname;} in descriptors and signatures, and string constants that spell the dotted name of
 * a class (what {@code Class.forName("...")} uses). The kept set is this closure, so nothing the JVM can link from
 * kept code is missing. Resources and META-INF (licences, notices, manifests) stay, except {@code drop} prefixes;
 * a {@code META-INF/services} file keeps only the providers that are kept (a provider that is not kept belongs to a
 * feature the proxy never uses, e.g. HDFS as a Hadoop FileSystem) and goes away when none is left.
 */
public final class SlimJars {
    private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([\\w/$]+)[;<]");
    private static final Pattern DOTTED_NAME = Pattern.compile("[\\w$]+(\\.[\\w$]+)+");
    private static final String SERVICES = "META-INF/services/";

    /** One jar to slim: its file name prefix (before "-VERSION.jar"), kept packages and dropped resources. */
    record Rule(String jarPrefix, List<String> keep, List<String> drop) {
        boolean matches(Path jar) {
            String name = jar.getFileName().toString();
            return name.startsWith(jarPrefix + "-") && Character.isDigit(name.charAt(jarPrefix.length() + 1));
        }

        boolean keepsPackageOf(String className) {
            String pkg = className.substring(0, Math.max(0, className.lastIndexOf('/')));
            return keep.stream().anyMatch(k -> k.endsWith("/**")
                    ? pkg.equals(k.substring(0, k.length() - 3)) || pkg.startsWith(k.substring(0, k.length() - 2))
                    : pkg.equals(k));
        }

        boolean drops(String entry) {
            return drop.stream().anyMatch(entry::startsWith);
        }
    }

    /** Where a class lives and the classes it names. */
    record ClassInfo(Path jar, Set<String> references) {}

    public static void main(String[] args) throws IOException {
        List<Rule> rules = parse(Files.readAllLines(Path.of(args[0])));
        List<Path> jars = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            try (var list = Files.list(Path.of(args[i]))) {
                list.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
            }
        }
        Map<Path, Rule> slimmed = new LinkedHashMap<>();
        for (Path jar : jars) {
            rules.stream().filter(r -> r.matches(jar)).findFirst().ifPresent(r -> slimmed.put(jar, r));
        }
        Map<String, ClassInfo> classes = index(jars);
        Set<String> kept = closure(classes, slimmed);
        Set<String> removed = classes.keySet().stream().filter(c -> !kept.contains(c)).collect(Collectors.toSet());
        for (var entry : slimmed.entrySet()) {
            rewrite(entry.getKey(), entry.getValue(), removed);
        }
    }

    static List<Rule> parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            switch (words[0]) {
                case "jar" -> rules.add(new Rule(words[1], new ArrayList<>(), new ArrayList<>()));
                case "keep" -> rules.getLast().keep().add(words[1]);
                case "drop" -> rules.getLast().drop().add(words[1]);
                default -> throw new IllegalArgumentException("slim-jars.txt: cannot read '" + line + "'");
            }
        }
        return rules;
    }

    /** Every class of every jar (the first jar wins on duplicates, like the class path). */
    static Map<String, ClassInfo> index(List<Path> jars) throws IOException {
        Map<String, ClassInfo> classes = new HashMap<>();
        for (Path jar : jars) {
            try (var zip = new ZipFile(jar.toFile())) {
                for (ZipEntry entry : Collections.list(zip.entries())) {
                    String name = entry.getName();
                    if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
                        String className = name.substring(0, name.length() - ".class".length());
                        if (!classes.containsKey(className)) {
                            byte[] bytes = zip.getInputStream(entry).readAllBytes();
                            classes.put(className, new ClassInfo(jar, references(bytes)));
                        }
                    }
                }
            }
        }
        return classes;
    }

    static Set<String> references(byte[] classBytes) {
        Set<String> out = new HashSet<>();
        for (PoolEntry entry : ClassFile.of().parse(classBytes).constantPool()) {
            switch (entry) {
                case ClassEntry c -> addTypes(c.asInternalName(), out);
                case Utf8Entry u -> addTypes(u.stringValue(), out);
                case StringEntry s when DOTTED_NAME.matcher(s.stringValue()).matches() ->
                        out.add(s.stringValue().replace('.', '/'));
                default -> { }
            }
        }
        return out;
    }

    private static void addTypes(String text, Set<String> out) {
        if (!text.startsWith("[") && !text.contains(";") && !text.contains("(")) {
            out.add(text);
        }
        var m = DESCRIPTOR_TYPE.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
    }

    /** The classes of slimmed jars to keep: listed packages plus everything reachable from them and other jars. */
    static Set<String> closure(Map<String, ClassInfo> classes, Map<Path, Rule> slimmed) {
        Set<String> kept = new HashSet<>();
        var queue = new ArrayDeque<String>();
        classes.forEach((name, info) -> {
            Rule rule = slimmed.get(info.jar());
            if (rule == null || rule.keepsPackageOf(name)) {
                kept.add(name);
                queue.add(name);
            }
        });
        while (!queue.isEmpty()) {
            for (String ref : classes.get(queue.poll()).references()) {
                if (classes.containsKey(ref) && kept.add(ref)) {
                    queue.add(ref);
                }
            }
        }
        return kept;
    }

    private static void rewrite(Path jar, Rule rule, Set<String> removed) throws IOException {
        Path slim = jar.resolveSibling(jar.getFileName() + ".slim");
        int classes = 0;
        int keptClasses = 0;
        try (var in = new ZipFile(jar.toFile()); var out = new ZipOutputStream(Files.newOutputStream(slim))) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                String name = entry.getName();
                byte[] data = in.getInputStream(entry).readAllBytes();
                boolean isClass = name.endsWith(".class") && !name.startsWith("META-INF/");
                if (isClass) {
                    classes++;
                    if (removed.contains(name.substring(0, name.length() - ".class".length()))) {
                        continue;
                    }
                    keptClasses++;
                } else if (rule.drops(name)) {
                    continue;
                } else if (name.startsWith(SERVICES) && !entry.isDirectory()) {
                    data = keptProviders(data, removed);
                    if (data == null) {
                        continue;
                    }
                }
                out.putNextEntry(new ZipEntry(name));
                out.write(data);
                out.closeEntry();
            }
        }
        long before = Files.size(jar);
        Files.move(slim, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("slimmed %s: kept %d of %d classes, %d KB -> %d KB%n", jar.getFileName(), keptClasses,
                classes, before / 1024, Files.size(jar) / 1024);
    }

    /** The services file without the providers removed, or null when none is left. */
    private static byte[] keptProviders(byte[] file, Set<String> removed) {
        List<String> lines = new String(file, StandardCharsets.UTF_8).lines().toList();
        List<String> out = lines.stream().filter(line -> {
            String provider = line.replaceAll("#.*", "").strip();
            return !removed.contains(provider.replace('.', '/'));
        }).toList();
        boolean anyProvider = out.stream().anyMatch(l -> !l.replaceAll("#.*", "").isBlank());
        if (!anyProvider) {
            return null;
        }
        return out.stream().collect(Collectors.joining("\n", "", "\n")).getBytes(StandardCharsets.UTF_8);
    }

    private SlimJars() {
    }
}
