package proxy.storage.s3.wire;

import java.io.IOException;

/** A body framed by the end of the connection (neither length nor chunks); the connection is never reused. */
final class UntilCloseBody extends ResponseBody {

    UntilCloseBody(Connection connection, ConnectionPool pool) {
        super(connection, pool, false);
    }

    @Override
    protected int readBody(byte[] target, int offset, int length) throws IOException {
        return connection.read(target, offset, length);
    }
}
