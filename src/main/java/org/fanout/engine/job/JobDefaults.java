package org.fanout.engine.job;

import java.time.Duration;
import java.util.List;
import org.fanout.engine.inputs.Durations;
import org.fanout.engine.strategy.Strategy;

/**
 * The one set of defaults of a job, as text where an input is typed (so picocli's
 * {@code defaultValue} and the app's form start from the same constant) and parsed where code
 * needs the value. Change a default here and the CLI, the app and compare all follow.
 */
public final class JobDefaults {
    private JobDefaults() {}

    /** {@code scan --ports}. */
    public static final String PORTS = "top100";
    /** TCP connect deadline ({@code scan --timeout}). */
    public static final String TCP_TIMEOUT = "1s";
    /** HTTP check deadline, redirects included ({@code http --timeout}). */
    public static final String HTTP_TIMEOUT = "5s";
    /** How long an open port is given to announce itself ({@code --banner-timeout}). */
    public static final String BANNER_TIMEOUT = "500ms";
    /** Deadline of each TLS handshake ({@code scan --tls-timeout}). */
    public static final String TLS_TIMEOUT = "2s";
    /** Extra attempts ({@code --retries}). */
    public static final String RETRIES = "0";
    /** {@code http --method}. */
    public static final String METHOD = "HEAD";
    /** The order targets are probed in ({@code --order}): seeded random, which spreads the load over hosts. */
    public static final String ORDER = "random";
    /** Redirect hops followed before too_many_redirects ({@code http --max-redirects}). */
    public static final String MAX_REDIRECTS = "10";
    /** Thread counts a comparison runs at ({@code compare --threads}, the Compare window). */
    public static final String COMPARE_THREADS = "1,10,100,1000";
    /** process is left out unless asked: each of its runs starts JVMs, whose start-up swamps small jobs. */
    public static final List<Strategy> COMPARE_STRATEGIES = List.of(Strategy.POOL, Strategy.VIRTUAL, Strategy.NIO);

    public static final int MAX_RETRIES = 10;
    public static final int MAX_REDIRECTS_LIMIT = 50;
    /** Far past any sensible scan; a typo like 127.0.0.0/8 x all stops here instead of running for days. */
    public static final long MAX_TARGETS = 1L << 32;

    /** {@link #BANNER_TIMEOUT} as a duration. */
    public static Duration bannerTimeout() {
        return Durations.parse(BANNER_TIMEOUT);
    }

    /** {@link #TLS_TIMEOUT} as a duration. */
    public static Duration tlsTimeout() {
        return Durations.parse(TLS_TIMEOUT);
    }

    public static int maxRedirects() {
        return Integer.parseInt(MAX_REDIRECTS);
    }

    public static int retries() {
        return Integer.parseInt(RETRIES);
    }
}
