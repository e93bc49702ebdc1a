package org.fanout.engine.probe;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How HTTP checks behave.
 *
 * @param method          "HEAD" (falls back to GET where HEAD is refused) or "GET"
 * @param timeout         deadline for one whole check, redirects included
 * @param followRedirects follow 301/302/303/307/308
 * @param maxRedirects    past this many hops the check fails with {@code too_many_redirects}
 * @param retries         extra attempts where no response came (timeouts, resets)
 * @param insecure        go on past a certificate that is not trusted (it is still checked and reported)
 * @param title           GET the page and report its {@code <title>} (the method is then GET)
 * @param trustFile       PEM certificates to trust instead of the JDK's trust store, or null
 */
public record HttpProbeConfig(
        String method,
        Duration timeout,
        boolean followRedirects,
        int maxRedirects,
        int retries,
        boolean insecure,
        boolean title,
        Path trustFile) {
    public static final String USER_AGENT = "Fanout/0.1 (health check)";
    /** A response head larger than this is not a sane HTTP server: {@code protocol}. */
    public static final int MAX_HEAD_BYTES = 64 * 1024;

    /** At most this much of a body is read for its title. */
    public static final int TITLE_BODY_BYTES = 256 * 1024;

    public HttpProbeConfig(String method, Duration timeout, boolean followRedirects, int maxRedirects, int retries) {
        this(method, timeout, followRedirects, maxRedirects, retries, false, false, null);
    }

    public HttpProbeConfig {
        if (title) method = "GET";
        if (!method.equals("HEAD") && !method.equals("GET"))
            throw new IllegalArgumentException("method must be HEAD or GET");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        if (retries < 0 || retries > 10) throw new IllegalArgumentException("retries must be 0-10");
        if (maxRedirects < 0 || maxRedirects > 50) throw new IllegalArgumentException("maxRedirects must be 0-50");
    }

    public static HttpProbeConfig defaults() {
        return new HttpProbeConfig("HEAD", Duration.ofSeconds(5), true, 10, 0);
    }

    /** The same checks with these TLS and title options. */
    public HttpProbeConfig with(boolean insecure, boolean title, Path trustFile) {
        return new HttpProbeConfig(method, timeout, followRedirects, maxRedirects, retries, insecure, title, trustFile);
    }

    public Duration worstCase() {
        return timeout.multipliedBy(retries + 1L);
    }
}
