package proxy.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

class BackendErrorsTest {

    private static SdkException backendAnswer(int status, String errorCode) {
        return software.amazon.awssdk.services.s3.model.S3Exception.builder().statusCode(status)
                .message("backend said " + errorCode + " at http://backend.internal:9000/lake?X-Amz-Signature=abc")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(errorCode).build()).build();
    }

    private static S3ErrorCode read(SdkException e) {
        return BackendErrors.map("GetObject", "lake/k", true, e).code();
    }

    @Test
    void readAnswersKeepTheirMeaning() {
        assertEquals(S3ErrorCode.NO_SUCH_KEY, read(backendAnswer(404, "NoSuchKey")));
        assertEquals(S3ErrorCode.NOT_MODIFIED, read(backendAnswer(304, null)));
        assertEquals(S3ErrorCode.PRECONDITION_FAILED, read(backendAnswer(412, "PreconditionFailed")));
        assertEquals(S3ErrorCode.INVALID_RANGE, read(backendAnswer(416, "InvalidRange")));
    }

    @Test
    void missingBucketOnAListingIsOurFaultNotTheClients() {
        S3Exception e = BackendErrors.map("ListObjectsV2", "lake/", false, backendAnswer(404, "NoSuchBucket"));
        assertEquals(S3ErrorCode.INTERNAL_ERROR, e.code());
    }

    @Test
    void throttlingIsSlowDown() {
        assertEquals(S3ErrorCode.SLOW_DOWN, read(backendAnswer(503, "SlowDown")));
        assertEquals(S3ErrorCode.SLOW_DOWN, read(backendAnswer(503, "ServiceUnavailable")));
        assertEquals(S3ErrorCode.SLOW_DOWN, read(backendAnswer(400, "RequestLimitExceeded")));
    }

    @Test
    void unreachableBackendIsServiceUnavailable() {
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, read(SdkClientException.builder()
                .message("Unable to execute HTTP request").cause(new ConnectException("Connection refused")).build()));
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, read(SdkClientException.builder()
                .message("read timed out").cause(new SocketTimeoutException("Read timed out")).build()));
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, read(ApiCallTimeoutException.create(60_000)));
    }

    @Test
    void anythingElseIsAnInternalErrorThatKeepsTheBackendOutOfTheMessage() {
        SdkException denied = backendAnswer(403, "AccessDenied");
        S3Exception e = BackendErrors.map("GetObject", "lake/k", true, denied);

        assertEquals(S3ErrorCode.INTERNAL_ERROR, e.code());
        assertEquals(S3ErrorCode.INTERNAL_ERROR.defaultMessage(), e.getMessage());
        assertFalse(e.getMessage().contains("backend.internal"));
        assertSame(denied, e.getCause().getCause());
        assertEquals(S3ErrorCode.INTERNAL_ERROR, read(SdkClientException.create("unparseable answer")));
    }

    @Test
    void answersReadWithoutTheSdkClientMapAsTheSdksExceptionsDo() {
        for (int status : new int[] {304, 403, 404, 412, 416, 500, 503}) {
            for (String code : new String[] {null, "NoSuchKey", "SlowDown", "AccessDenied"}) {
                S3ErrorCode direct = BackendErrors.map("GetObject", "lake/k", true, status, code).code();
                assertEquals(read(backendAnswer(status, code)), direct, status + " " + code);
            }
        }
        assertEquals(S3ErrorCode.INTERNAL_ERROR,
                BackendErrors.map("ListObjectsV2", "lake/", false, 404, "NoSuchBucket").code());
    }

    @Test
    void requestsWithoutAnAnswerAreServiceUnavailableWhenTheBackendIsUnreachable() {
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE,
                BackendErrors.map("GetObject", "lake/k", new ConnectException("Connection refused")).code());
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE,
                BackendErrors.map("HeadObject", "lake/k", new SocketTimeoutException("Read timed out")).code());
        S3Exception reset = BackendErrors.map("GetObject", "lake/k", new java.io.IOException("Connection reset"));
        assertEquals(S3ErrorCode.INTERNAL_ERROR, reset.code());
        assertEquals(S3ErrorCode.INTERNAL_ERROR.defaultMessage(), reset.getMessage());
    }
}
