package proxy.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import proxy.testkit.ProjectPaths;
import proxy.testkit.S3TestServer;
import proxy.testkit.TreeCopy;

/**
 * The fixture table {@code trades} where the write tests change it, on both stores: a copy in a temporary directory
 * (table root {@link #fsTable()}) and on an S3Proxy backend in bucket {@code lake} under {@code t/trades/}. The
 * backend's keys are in the system properties the proxy's S3 client reads, until {@link #close()}.
 */
record TradesOnBothStores(Path fsTable, S3TestServer backend) implements AutoCloseable {

    /** Copies the table into a new temporary directory named after {@code prefix} and onto a new backend. */
    static TradesOnBothStores start(String prefix) throws IOException {
        Path trades = ProjectPaths.fixtureTables().resolve("trades");
        Path fsTable = TreeCopy.copy(trades, Files.createTempDirectory(prefix).resolve("trades"));
        var backend = new S3TestServer();
        backend.createBucket("lake");
        backend.uploadDirectory(trades, "lake", "t/trades/");
        System.setProperty("aws.accessKeyId", backend.accessKey());
        System.setProperty("aws.secretAccessKey", backend.secretKey());
        return new TradesOnBothStores(fsTable, backend);
    }

    /** Stops the backend and clears its keys. */
    @Override
    public void close() {
        backend.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }
}
