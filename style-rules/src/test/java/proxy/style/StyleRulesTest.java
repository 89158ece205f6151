package proxy.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md's limits, checked on every build ({@code scripts/test} runs {@code verify}): every main source file of
 * every module under {@code modules/} has at most 400 lines; every type an exported package makes visible has
 * Javadoc; only the documented command-line entry points write to {@code System.out} or {@code System.err} (the
 * rest log, or write through the streams they are given). The last tests prove each rule catches what it should.
 */
class StyleRulesTest {
    /**
     * The command-line entry points allowed to write to the console: {@code proxy.app}'s {@code Main} hands
     * {@code System.out} and {@code System.err} to the subcommands (standard output carries the audit log, standard
     * error the log). A path relative to the project root.
     */
    static final Set<String> CONSOLE_ENTRY_POINTS = Set.of("modules/proxy.app/src/main/java/proxy/app/Main.java");

    private static final Path ROOT = projectRoot();

    @Test
    void mainSourceFilesHaveAtMost400Lines() {
        assertNoViolations(everyMainSource(SourceRules::length));
    }

    @Test
    void everyTypeOfAnExportedPackageHasJavadoc() throws IOException {
        var violations = new ArrayList<String>();
        for (Path moduleInfo : SourceRules.mainSources(ROOT)) {
            if (!moduleInfo.getFileName().toString().equals("module-info.java")) {
                continue;
            }
            Path sourceRoot = moduleInfo.getParent();
            for (String pkg : SourceRules.exports(Files.readString(moduleInfo))) {
                Path dir = sourceRoot.resolve(pkg.replace('.', '/'));
                try (var files = Files.list(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                        violations.addAll(SourceRules.undocumentedTypes(relative(file), Files.readString(file)));
                    }
                }
            }
        }
        assertNoViolations(violations);
    }

    @Test
    void onlyTheCommandLineEntryPointsWriteToTheConsole() {
        assertNoViolations(everyMainSource((name, source) -> CONSOLE_ENTRY_POINTS.contains(name)
                ? List.of() : SourceRules.consoleWrites(name, source)));
    }

    @Test
    void theRulesSeeEveryModule() {
        long modules = SourceRules.mainSources(ROOT).stream()
                .filter(p -> p.getFileName().toString().equals("module-info.java")).count();
        assertTrue(modules >= 10, "module-info.java files found under modules/: " + modules);
        assertTrue(CONSOLE_ENTRY_POINTS.stream().allMatch(p -> Files.isRegularFile(ROOT.resolve(p))),
                "every allowed console entry point exists: " + CONSOLE_ENTRY_POINTS);
    }

    @Test
    void aFileOf401LinesIsTooLong() {
        assertEquals(List.of(), SourceRules.length("A.java", "x\n".repeat(400)));
        assertEquals(List.of("A.java: 401 lines (at most 400)"), SourceRules.length("A.java", "x\n".repeat(401)));
    }

    @Test
    void aVisibleTypeWithoutJavadocIsReportedAndOthersAreNot() {
        String source = """
                package p;

                /** Documented. */
                public final class A {
                    public record Missing(int x) {
                    }

                    /** Documented. */
                    public interface Shape {
                        record AlsoMissing() implements Shape {
                        }
                    }

                    private record Hidden() {
                    }
                }

                final class PackagePrivate {
                }
                """;
        assertEquals(List.of("A.java: exported type Missing has no Javadoc",
                "A.java: exported type AlsoMissing has no Javadoc"), SourceRules.undocumentedTypes("A.java", source));
        assertEquals(List.of("B.java: exported type B has no Javadoc"),
                SourceRules.undocumentedTypes("B.java", "package p;\n\n@Deprecated\npublic class B {\n}\n"));
    }

    @Test
    void consoleWritesAreFoundInCodeButNotInCommentsOrStrings() {
        String source = """
                package p;

                class A {
                    // System.out.println("comment")
                    void f() {
                        String s = "System.err";
                        System.out.println(s);
                        java.lang.System.err.flush();
                    }
                }
                """;
        assertEquals(List.of("A.java:7: System.out", "A.java:8: System.err"),
                SourceRules.consoleWrites("A.java", source));
    }

    @Test
    void exportsAreReadFromModuleInfo() {
        assertEquals(Set.of("a.b", "a.c"), SourceRules.exports("""
                /** M. */
                module m {
                    requires java.base;
                    exports a.b;
                    exports a.c to other;
                    provides x.Y with a.d.Z;
                }
                """));
        assertFalse(SourceRules.exports("module n { }").iterator().hasNext());
    }

    private static List<String> everyMainSource(BiFunction<String, String, List<String>> rule) {
        var violations = new ArrayList<String>();
        for (Path file : SourceRules.mainSources(ROOT)) {
            try {
                violations.addAll(rule.apply(relative(file), Files.readString(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return violations;
    }

    private static void assertNoViolations(List<String> violations) {
        assertTrue(violations.isEmpty(), "STYLE.md rules broken:\n  " + String.join("\n  ", violations));
    }

    private static String relative(Path file) {
        return ROOT.relativize(file).toString().replace('\\', '/');
    }

    /** The project root: the parent of this module's directory (Surefire runs in the module's directory). */
    private static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.isDirectory(here.resolve("modules")) ? here : here.getParent();
        if (!Files.isDirectory(root.resolve("modules"))) {
            throw new IllegalStateException("no modules/ directory above " + here);
        }
        return root;
    }
}
