package proxy.localproxy;

/** A request the helper answers itself with an S3-style XML error, before any upstream response was relayed. */
final class LocalProxyFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    LocalProxyFailure(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
