package proxy.http;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import proxy.api.auth.HttpRequestView;

/**
 * Which clients {@code getMode: auto} redirects: those known to follow a 307 to a presigned backend URL correctly
 * (measured through the proxy), and those that ask for it. Everyone else is streamed.
 *
 * <p>Known to follow, by a product token of the User-Agent (anywhere in it, any version); the strings in
 * parentheses were captured from the installed clients:
 * <ul>
 *   <li>{@code rclone/} — rclone ({@code rclone/v1.66.0}; a Debian build sends just {@code rclone/});</li>
 *   <li>{@code polars/} — polars ({@code polars/0.55.1} from polars 1.44);</li>
 *   <li>{@code aws-sdk-cpp/} — the AWS C++ SDK under Arrow's {@code S3FileSystem}, pyarrow
 *       ({@code aws-sdk-cpp/1.11.800 ua/2.1 api/S3 os/Linux#... md/http#curl ...} from pyarrow 25);</li>
 *   <li>{@code object_store/} — the default of the Rust {@code object_store} crate ({@code object_store/0.11.1}),
 *       sent by delta-rs: the crate polars reads through, whose HTTP client follows a 307 as polars does.</li>
 * </ul>
 * Measured not to: awscli and boto3 ({@code aws-cli/1.45.11 md/Botocore#...}, {@code Boto3/1.43.11 ...}) and
 * s3cmd (no User-Agent) do not follow a 307; Hadoop S3A ({@code Hadoop 3.x, aws-sdk-java/...}) either does not
 * follow it (Spark 4) or re-sends its {@code Authorization} header to the presigned URL, which S3 refuses
 * (Spark 3.5). DuckDB ({@code duckdb/v1.x(linux_amd64)}) is not measured, so it streams unless it opts in.
 *
 * <p>Opt-in, for a client seen to follow a 307 without re-sending its {@code Authorization} header: the User-Agent
 * token {@value #OPT_IN_TOKEN} (easiest: most clients can append to their User-Agent, e.g. DuckDB's
 * {@code custom_user_agent}; boto3 could, but does not follow a 307 at all), or the header
 * {@value #OPT_IN_HEADER}{@code : 1}. The header need not be signed; a client whose SDK signs it (listed in
 * SignedHeaders) must send it on every request, as for any signed header. Neither can widen access: the choice is
 * made after authorization and only decides who carries the bytes.
 */
final class RedirectFollowers {
    /** The User-Agent token by which a client asks to be redirected. */
    static final String OPT_IN_TOKEN = "delta-s3-proxy-redirect";
    /** The request header (value {@code 1} or {@code true}) by which a client asks to be redirected. */
    static final String OPT_IN_HEADER = "x-delta-proxy-redirect";

    private static final List<String> FOLLOWING_FAMILIES = List.of("rclone/", "polars/", "aws-sdk-cpp/", "object_store/");
    /** Separates User-Agent product tokens; compiled once, as it runs on every data-file GET in {@code auto}. */
    private static final Pattern TOKEN_SEPARATORS = Pattern.compile("[\\s,;()]+");

    /** What is known of a client's handling of a 307. */
    enum Client {
        /** Its User-Agent names a client known to follow a 307 correctly. */
        FOLLOWS,
        /** It asked for redirects. */
        OPTED_IN,
        /** Anything else: it is streamed. */
        UNKNOWN
    }

    private RedirectFollowers() {
    }

    /** Judges the client of a request from its User-Agent and opt-in header. */
    static Client judge(HttpRequestView request) {
        String optIn = request.header(OPT_IN_HEADER).orElse("").strip().toLowerCase(Locale.ROOT);
        if (optIn.equals("1") || optIn.equals("true")) {
            return Client.OPTED_IN;
        }
        String agent = request.header("user-agent").orElse("");
        boolean follows = false;
        for (String token : TOKEN_SEPARATORS.split(agent.toLowerCase(Locale.ROOT))) {
            if (token.equals(OPT_IN_TOKEN) || token.startsWith(OPT_IN_TOKEN + "/")) {
                return Client.OPTED_IN;
            }
            follows |= FOLLOWING_FAMILIES.stream().anyMatch(token::startsWith);
        }
        return follows ? Client.FOLLOWS : Client.UNKNOWN;
    }
}
