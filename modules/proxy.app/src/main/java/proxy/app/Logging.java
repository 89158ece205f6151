package proxy.app;

/**
 * The one logging path: everything (our System.Logger calls, SLF4J through slf4j-jdk14) ends in
 * java.util.logging, one line per record on standard error, unless a logging config file is given.
 */
final class Logging {
    private Logging() {
    }

    static void configure() {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tF %1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n");
        }
    }
}
