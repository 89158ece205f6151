package proxy.auth.sigv4;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The {@code Credential} of a SigV4 signature: {@code <access key>/<yyyyMMdd>/<region>/<service>/aws4_request}.
 * The access key is everything before the last four components, so keys containing {@code /} still parse.
 */
record CredentialScope(String accessKey, String date, String region, String service, String terminator) {
    private static final Pattern DATE = Pattern.compile("\\d{8}");

    /**
     * Parses a credential.
     *
     * @throws proxy.api.S3Exception the form's malformed error
     */
    static CredentialScope parse(String credential, AuthForm form) {
        String[] parts = credential.split("/", -1);
        if (parts.length < 5 || !DATE.matcher(parts[parts.length - 4]).matches()) {
            throw form.malformed(form == AuthForm.HEADER
                    ? "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"."
                    : "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting"
                            + " \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        int n = parts.length;
        String accessKey = String.join("/", Arrays.copyOfRange(parts, 0, n - 4));
        if (accessKey.isEmpty()) {
            throw form.malformed("the Credential has no access key.");
        }
        return new CredentialScope(accessKey, parts[n - 4], parts[n - 3], parts[n - 2], parts[n - 1]);
    }

    /**
     * Checks the region, service and terminator, with S3's messages.
     *
     * @throws proxy.api.S3Exception the form's malformed error naming the expected value
     */
    void requireValidFor(String expectedRegion, AuthForm form) {
        String prefix = form == AuthForm.HEADER ? "" : "Error parsing the X-Amz-Credential parameter; ";
        if (!region.equals(expectedRegion)) {
            throw form.malformed(prefix + "the region '" + region + "' is wrong; expecting '" + expectedRegion + "'");
        }
        if (!service.equals("s3")) {
            throw form.malformed(prefix + "incorrect service '" + service + "'. This endpoint belongs to 's3'.");
        }
        if (!terminator.equals("aws4_request")) {
            throw form.malformed(prefix + "incorrect terminal '" + terminator + "'. This endpoint uses 'aws4_request'.");
        }
    }

    /** The scope line of the string to sign: {@code date/region/service/aws4_request}. */
    String scope() {
        return date + "/" + region + "/" + service + "/" + terminator;
    }
}
