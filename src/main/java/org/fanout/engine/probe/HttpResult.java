package org.fanout.engine.probe;

import java.util.List;

/**
 * The result of one HTTP check.
 *
 * @param url           the URL as requested
 * @param status        the final HTTP status code, or 0 where no response came
 * @param latencyNanos  time from the first request to the final response (redirects included)
 * @param finalUrl      the URL that gave the final response (differs after redirects), or null
 * @param contentLength the Content-Length of the final response, or -1 if unknown
 * @param error         why no usable response came: "timeout", "connection_refused",
 *                      "connection_reset", "unknown_host", "tls", "too_many_redirects",
 *                      "protocol", ...; null on success
 * @param httpVersion   "HTTP/1.1" or "HTTP/1.0" from the final response's status line, or null
 * @param server        the final response's Server header as sent, or null
 * @param title         the page's {@code <title>} text (only when asked), or null
 * @param certificate   the certificate the final https server presented (trusted or not), or null
 */
public record HttpResult(
        String url,
        int status,
        long latencyNanos,
        String finalUrl,
        long contentLength,
        String error,
        String httpVersion,
        String server,
        String title,
        CertificateInfo certificate)
        implements ProbeResult {
    /**
     * The category of errors: no usable response (an error kind instead of a status), or a
     * status outside 1xx-5xx (the parser takes any code 100-999, as curl does).
     */
    public static final String ERRORS = "errors";
    /** Every {@link #category()}, in display order. */
    public static final List<String> CATEGORIES = List.of("1xx", "2xx", "3xx", "4xx", "5xx", ERRORS);

    /** A result with nothing known beyond the status (no version, server, title or certificate). */
    public HttpResult(String url, int status, long latencyNanos, String finalUrl, long contentLength, String error) {
        this(url, status, latencyNanos, finalUrl, contentLength, error, null, null, null, null);
    }

    @Override
    public String outcome() {
        return outcome(status, error);
    }

    @Override
    public String category() {
        return category(status);
    }

    @Override
    public boolean isAnswered() {
        return status > 0;
    }

    @Override
    public String errorKind() {
        if (!ERRORS.equals(category())) return null;
        // a status past 5xx comes without an error kind: the status says what went wrong
        return error == null || error.isBlank() ? outcome() : error;
    }

    /** The outcome of a check that got {@code status} (0: none) or failed with {@code error}. */
    public static String outcome(int status, String error) {
        return status > 0 ? Integer.toString(status) : ErrorKinds.orUnknown(error);
    }

    /** The category of a status: {@code 1xx}..{@code 5xx}, else (0: no response) {@link #ERRORS}. */
    public static String category(int status) {
        return status >= 100 && status < 600 ? CATEGORIES.get(status / 100 - 1) : ERRORS;
    }

    /** The category of an outcome counted from HTTP results: its status's, or {@link #ERRORS} for an error kind. */
    public static String categoryOfOutcome(String outcome) {
        return isStatus(outcome) ? category(Integer.parseInt(outcome)) : ERRORS;
    }

    /** Whether an HTTP outcome is a status code (the rest are error kinds). */
    public static boolean isStatus(String outcome) {
        return outcome != null
                && !outcome.isEmpty()
                && outcome.length() <= 3
                && outcome.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    @Override
    public String targetKey() {
        return url;
    }
}
