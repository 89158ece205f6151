package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/** The text of a 5xx log record (the records themselves are checked end to end in proxy.app). */
class ServerErrorLogTest {
    private static final String SIGNATURE = "0123456789abcdef0123456789abcdef";

    @Test
    void theCauseChainIsOneLineWithPresignedParametersMasked() {
        var error = new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "backend GET failed",
                new IOException("reset by https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIAEXAMPLE%2F2026&X-Amz-Signature="
                        + SIGNATURE, new IllegalStateException("root")));

        assertEquals("backend GET failed; caused by java.io.IOException: reset by https://b.s3.amazonaws.com/k?"
                + "X-Amz-Credential=***&X-Amz-Signature=***; caused by java.lang.IllegalStateException: root",
                ServerErrorLog.causes(error));
    }

    @Test
    void maskingCoversSignatureParametersAndAuthorizationHeaders() {
        assertEquals("GET https://h/k?Signature=***&a=1 Authorization: ***",
                ServerErrorLog.mask("GET https://h/k?Signature=" + SIGNATURE + "&a=1 Authorization: AWS4 x"));
    }
}
