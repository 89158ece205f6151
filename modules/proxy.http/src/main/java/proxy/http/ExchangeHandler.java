package proxy.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.Authenticator;
import proxy.api.auth.HttpRequestView;
import proxy.api.auth.Authentication;
import proxy.api.metrics.ProxyMetrics.Outcome;
import proxy.api.policy.Decision;
import proxy.s3xml.ErrorResponse;
import proxy.s3xml.S3XmlWriter;

/**
 * The one handler of the server: parse -> authenticate -> dispatch (resolve alias, authorize, act, write) ->
 * record (metrics and audit). This is the only place where an {@link S3Exception} becomes an S3 error response; any other exception
 * becomes 500 InternalError with the request id, its details going to the log only. Every 5xx is logged with its
 * request id and cause ({@link ServerErrorLog}).
 */
final class ExchangeHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(ExchangeHandler.class.getName());

    /** The audit reason of a request whose authentication failed. */
    static final String AUTHENTICATION_FAILED = "authentication failed";

    /** The most of a refused request's body read before its error is sent ({@link #drainRefusedBody}). */
    static final long DRAIN_LIMIT = 64L << 20;
    private static final int DRAIN_BUFFER = 16 * 1024;

    private final RequestParser parser;
    private final Authenticator authenticator;
    private final OperationRouter operations;
    private final MetricsAuditRecorder recorder;
    private final RequestIds ids = new RequestIds();

    ExchangeHandler(RequestParser parser, Authenticator authenticator, OperationRouter operations, MetricsAuditRecorder recorder) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.operations = Objects.requireNonNull(operations, "operations");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Instant start = recorder.started();
        var reply = new ResponseWriter(exchange, ids.next());
        String rawPath = exchange.getRequestURI().getRawPath() == null ? "" : exchange.getRequestURI().getRawPath();
        HttpRequestView view = null;
        S3Request request = null;
        String operation = "Invalid";
        String principal = null;
        String errorCode = null;
        Outcome outcome = Outcome.ANSWERED;
        try {
            view = view(exchange);
            request = parser.parse(view);
            operation = request.operation();
            reply.audit().about(request);
            Authentication who = authenticate(view, reply);
            principal = who.principal().name();
            outcome = operations.dispatch(request, who, view, reply);
        } catch (ResponseAbortedException e) {
            if (e.clientGone()) {
                LOG.log(Level.DEBUG, () -> "request " + reply.requestId() + ": " + e.getMessage());
            } else {
                LOG.log(Level.WARNING, "request " + reply.requestId() + " aborted: " + e.getMessage(), e.getCause());
            }
            outcome = Outcome.PROXIED;
            throw e;
        } catch (S3Exception e) {
            ServerErrorLog.answered(reply.requestId(), operation, e);
            drainRefusedBody(exchange);
            errorCode = answer(reply, e, ErrorSubject.of(e, view, request), rawPath);
        } catch (RuntimeException | Error e) {
            // An Error (stack overflow, a class that failed to load, out of memory) is logged with the request id
            // and answered like any other failure; the server thread lives on.
            ServerErrorLog.unexpected(reply.requestId(), operation, e);
            errorCode = answer(reply, new S3Exception(S3ErrorCode.INTERNAL_ERROR), ErrorSubject.NONE, rawPath);
        } finally {
            recorder.completed(start, reply, operation, principal, outcome, errorCode);
        }
        exchange.close();
    }

    /**
     * Reads and discards what is left of a refused request's body, at most {@link #DRAIN_LIMIT} bytes, before the
     * error is sent. A client still sending a body (the JDK server answers {@code 100 Continue} before the handler
     * runs, so clients send it) does not read the answer until it has sent it all; were the connection closed with
     * unread bytes, the reset would reach the client mid-body and it would see "error writing request body" and
     * retry instead of the error. A declared body above the limit is not read (its answer may then be lost).
     */
    private static void drainRefusedBody(HttpExchange exchange) {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            if (declared != null && Long.parseLong(declared.strip()) > DRAIN_LIMIT) {
                return;
            }
            InputStream body = exchange.getRequestBody();
            byte[] buffer = new byte[DRAIN_BUFFER];
            long left = DRAIN_LIMIT;
            for (int n = 0; n >= 0 && left > 0; n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) {
                left -= n;
            }
        } catch (NumberFormatException | IOException e) {
            // A malformed length or a client gone: the error is sent (or not) as it is.
        }
    }

    /** Authenticates; a failure is a denial in the audit log. */
    private Authentication authenticate(HttpRequestView view, ResponseWriter reply) {
        try {
            return authenticator.authenticateRequest(view);
        } catch (S3Exception e) {
            reply.audit().decided(Decision.deny(AUTHENTICATION_FAILED));
            throw e;
        }
    }

    /**
     * Writes an error: S3 XML, or status and headers only for HEAD and 304. Returns the error code sent, or null
     * for a 304 and when the response had already been sent.
     */
    private static String answer(ResponseWriter reply, S3Exception error, ErrorSubject subject, String resource) {
        if (reply.committed()) {
            LOG.log(Level.WARNING, "request " + reply.requestId() + ": error after the response was sent: "
                    + error.code().code());
            return null;
        }
        for (String name : List.of("Content-Length", "Content-Range", "Content-Type", "Accept-Ranges")) {
            reply.removeHeader(name);
        }
        if (error.code() == S3ErrorCode.NOT_MODIFIED) {
            reply.headersOnly(304, 0);
            return null;
        }
        reply.removeHeader("ETag");
        reply.removeHeader("Last-Modified");
        if (error.code() == S3ErrorCode.METHOD_NOT_ALLOWED) {
            reply.header("Allow", "GET, HEAD");
        }
        var body = new ErrorResponse(error.code().code(), error.getMessage(), subject.bucketName(), subject.key(),
                resource, reply.requestId());
        reply.xml(error.code().status(), S3XmlWriter.error(body));
        return error.code().code();
    }

    /**
     * The request: its target decoded once, header names in lower case.
     *
     * @throws S3Exception InvalidURI or InvalidArgument for a target that does not decode
     */
    private static HttpRequestView view(HttpExchange exchange) {
        var uri = exchange.getRequestURI();
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        headers.replaceAll((name, values) -> List.copyOf(values));
        return new HttpRequestView(exchange.getRequestMethod().toUpperCase(Locale.ROOT), rawPath, rawQuery,
                headers);
    }
}
