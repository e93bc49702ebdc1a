package org.fanout.engine.probe;

import java.net.URI;

/**
 * The decisions of one HTTP check that do not depend on how the bytes travel, so the blocking
 * and the asynchronous client follow redirects and fall back from HEAD identically.
 */
final class HttpSteps {
    private HttpSteps() {
    }

    /** A server that will not do HEAD says so with 405 or 501; then GET is asked instead. */
    static boolean headRefused(String method, int status) {
        return method.equals("HEAD") && (status == 405 || status == 501);
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Where a redirect leads, or null when the Location is missing or not an http(s) URL. */
    static URI redirectTarget(URI current, String location) {
        if (location == null || location.isBlank()) return null;
        try {
            URI next = current.resolve(location.trim());
            String scheme = next.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) return null;
            return next.getHost() == null ? null : next;
        } catch (IllegalArgumentException badLocation) {
            return null;
        }
    }

    static int defaultPort(URI uri) {
        if (uri.getPort() > 0) return uri.getPort();
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    static String hostOf(URI uri) {
        String h = uri.getHost();
        return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    }
}
