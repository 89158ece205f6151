package proxy.localproxy;

import java.util.List;

/** Runs {@link LocalProxyCommand} in a child JVM, as {@code proxy.app} does (used by the large-body test). */
public final class LocalProxyChild {

    private LocalProxyChild() {
    }

    /** Entry point of the child JVM. */
    public static void main(String[] args) {
        System.exit(LocalProxyCommand.run(List.of(args), System.out, System.err));
    }
}
