package org.fanout.engine.inputs;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checking that a string is an absolute http/https URL with a host, and saying where it is not. */
final class UrlCheck {
    private UrlCheck() {}

    /** What is wrong with a URL, and at which offset in it. */
    record Problem(String what, int position) {}

    /** The URL as a URI; a bad one is a TargetSyntaxException naming it. */
    static URI check(String url) {
        Object result = checkUrl(url);
        if (result instanceof Problem p) {
            throw Syntax.error("URL " + Syntax.quote(url) + ": " + p.what(), url, p.position());
        }
        return (URI) result;
    }

    /** The URI, or the Problem with it; a URL written without its scheme gets a suggestion. */
    static Object checkUrl(String url) {
        Object result = checkAbsoluteUrl(url);
        if (result instanceof Problem p
                && !url.isEmpty()
                && !url.contains("://")
                && checkAbsoluteUrl("http://" + url) instanceof URI) {
            return new Problem(p.what() + " (did you mean " + Syntax.quote("http://" + url) + "?)", p.position());
        }
        return result;
    }

    /** The URI, or the Problem with it. */
    static Object checkAbsoluteUrl(String url) {
        if (url.isEmpty()) {
            return new Problem("empty URL", 0);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Problem(e.getReason().toLowerCase(Locale.ROOT), clamp(e.getIndex(), url));
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            return new Problem("not an absolute URL (expected http:// or https://)", 0);
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (!lower.equals("http") && !lower.equals("https")) {
            return new Problem("scheme '" + scheme + "' is not http or https", 0);
        }
        int afterScheme = scheme.length() + 1;
        int authorityAt = url.startsWith("//", afterScheme) ? afterScheme + 2 : afterScheme;
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            return new Problem("no host (expected " + lower + "://host/...)", authorityAt);
        }
        try {
            uri = uri.parseServerAuthority();
        } catch (URISyntaxException e) {
            int index = e.getIndex() >= 0 ? e.getIndex() : authorityAt;
            return new Problem(e.getReason().toLowerCase(Locale.ROOT), clamp(index, url));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return new Problem("no host", authorityAt);
        }
        if (uri.getPort() > PortSpec.MAX_PORT || uri.getPort() == 0) {
            String authority = uri.getRawAuthority();
            return new Problem(
                    "port " + uri.getPort() + " is outside 1-65535",
                    clamp(authorityAt + authority.lastIndexOf(':') + 1, url));
        }
        return uri;
    }

    static int clamp(int index, String text) {
        return index < 0 ? 0 : Math.min(index, text.length());
    }
}
