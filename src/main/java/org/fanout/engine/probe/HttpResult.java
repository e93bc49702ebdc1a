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
 */
public record HttpResult(String url, int status, long latencyNanos, String finalUrl,
                         long contentLength, String error) implements ProbeResult {
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
