package proxy.style;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ExportsTree;
import com.sun.source.tree.ModuleTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The rules of STYLE.md that a program can check, applied to one source file at a time with the JDK's parser (no
 * type attribution, so no class path is needed). Each method returns the violations as lines naming the file and
 * what is wrong; an empty list is a pass.
 */
final class SourceRules {
    /** STYLE.md: "files under ~300" lines; 400 is the hard limit for main code. */
    static final int MAX_LINES = 400;

    private SourceRules() {
    }

    /** A file too long, as a violation line. */
    static List<String> length(String name, String source) {
        long lines = source.lines().count();
        return lines > MAX_LINES ? List.of(name + ": " + lines + " lines (at most " + MAX_LINES + ")") : List.of();
    }

    /** The packages a {@code module-info.java} exports (qualified exports included). */
    static Set<String> exports(String moduleInfo) {
        var exported = new TreeSet<String>();
        CompilationUnitTree unit = parse("module-info.java", moduleInfo).unit();
        if (unit.getModule() instanceof ModuleTree module) {
            module.getDirectives().stream().filter(d -> d instanceof ExportsTree)
                    .forEach(d -> exported.add(((ExportsTree) d).getPackageName().toString()));
        }
        return exported;
    }

    /**
     * Every type visible outside its package (public, or a member of an interface, inside visible types) that has no
     * Javadoc comment. Call it for the files of exported packages only.
     */
    static List<String> undocumentedTypes(String name, String source) {
        Parsed parsed = parse(name, source);
        var missing = new ArrayList<String>();
        new TreePathScanner<Void, Boolean>() {
            @Override
            public Void visitClass(ClassTree type, Boolean enclosingVisible) {
                boolean inInterface = getCurrentPath().getParentPath().getLeaf() instanceof ClassTree outer
                        && (outer.getKind() == Tree.Kind.INTERFACE || outer.getKind() == Tree.Kind.ANNOTATION_TYPE);
                boolean visible = enclosingVisible
                        && (type.getModifiers().getFlags().contains(Modifier.PUBLIC) || inInterface);
                if (visible && parsed.docs().getDocCommentTree(getCurrentPath()) == null) {
                    missing.add(name + ": exported type " + type.getSimpleName() + " has no Javadoc");
                }
                return super.visitClass(type, visible);
            }
        }.scan(new TreePath(parsed.unit()), true);
        return missing;
    }

    /** Every use of {@code System.out} or {@code System.err} (comments and strings do not count). */
    static List<String> consoleWrites(String name, String source) {
        var uses = new ArrayList<String>();
        Parsed parsed = parse(name, source);
        CompilationUnitTree unit = parsed.unit();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitMemberSelect(MemberSelectTree select, Void unused) {
                String member = select.getIdentifier().toString();
                String target = select.getExpression().toString();
                if ((member.equals("out") || member.equals("err"))
                        && (target.equals("System") || target.equals("java.lang.System"))) {
                    long line = unit.getLineMap().getLineNumber(
                            parsed.docs().getSourcePositions().getStartPosition(unit, select));
                    uses.add(name + ":" + line + ": System." + member);
                }
                return super.visitMemberSelect(select, unused);
            }
        }.scan(unit, null);
        return uses;
    }

    /** The main Java sources under {@code modules/<module>/src/main/java}, relative to the project root. */
    static List<Path> mainSources(Path projectRoot) {
        try (Stream<Path> files = Files.walk(projectRoot.resolve("modules"))) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> projectRoot.relativize(p).toString().replace('\\', '/')
                            .matches("modules/[^/]+/src/main/java/.*"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Parsed(CompilationUnitTree unit, DocTrees docs) {
    }

    private static Parsed parse(String name, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var file = new SimpleJavaFileObject(URI.create("string:///" + name.replace('\\', '/')),
                SimpleJavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        var task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null, List.of(file));
        try {
            CompilationUnitTree unit = task.parse().iterator().next();
            return new Parsed(unit, DocTrees.instance(task));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
