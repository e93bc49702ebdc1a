package org.fanout.engine.probe;

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
public record HttpResult(String url, int status, long latencyNanos, String finalUrl,
                         long contentLength, String error, String httpVersion, String server, String title,
                         CertificateInfo certificate) implements ProbeResult {
    /** A result with nothing known beyond the status (no version, server, title or certificate). */
    public HttpResult(String url, int status, long latencyNanos, String finalUrl, long contentLength, String error) {
        this(url, status, latencyNanos, finalUrl, contentLength, error, null, null, null, null);
    }

    @Override
    public String outcome() {
        return status > 0 ? Integer.toString(status) : error;
    }

    @Override
    public String targetKey() {
        return url;
    }

    /** The status class for summaries: "2xx".."5xx", or the error kind when there was no response. */
    public String statusClass() {
        return status > 0 ? (status / 100) + "xx" : error;
    }
}
