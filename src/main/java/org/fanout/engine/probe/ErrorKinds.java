package org.fanout.engine.probe;

import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Names for failures, the same whichever strategy met them: the CSV's {@code error} column and
 * the error chart depend on blocking and non-blocking code agreeing on one vocabulary.
 */
public final class ErrorKinds {
    public static final String TIMEOUT = "timeout";
    public static final String CONNECTION_REFUSED = "connection_refused";
    public static final String CONNECTION_RESET = "connection_reset";
    public static final String UNKNOWN_HOST = "unknown_host";
    public static final String TLS = "tls";
    public static final String TOO_MANY_REDIRECTS = "too_many_redirects";
    public static final String PROTOCOL = "protocol";
    public static final String UNREACHABLE = "unreachable";
    public static final String NO_LOCAL_PORT = "no_local_port";
    public static final String TOO_MANY_OPEN_FILES = "too_many_open_files";
    public static final String INVALID_PORT = "invalid_port";
    public static final String IO = "io";
    /** A failure that is a bug in Fanout: nothing a server sends ends here (it is {@link #PROTOCOL}). */
    public static final String INTERNAL = "internal";
    /** A {@code process} strategy worker died holding the target, and no live worker could take it. */
    public static final String WORKER_DIED = "worker_died";

    private ErrorKinds() {}

    /** {@code kind}, or {@link ProbeResult#UNKNOWN} when it is null or blank. */
    static String orUnknown(String kind) {
        return kind == null || kind.isBlank() ? ProbeResult.UNKNOWN : kind;
    }

    /** Classifies a failed TCP connect that was neither refused nor timed out. */
    static String ofSocketFailure(Throwable e) {
        String m = message(e);
        if (e instanceof BindException || m.contains("cannot assign requested address")) return NO_LOCAL_PORT;
        if (m.contains("too many open files")) return TOO_MANY_OPEN_FILES;
        if (e instanceof NoRouteToHostException || m.contains("unreachable")) return UNREACHABLE;
        if (m.contains("invalid argument") || m.contains("port out of range")) return INVALID_PORT;
        if (m.contains("reset")) return CONNECTION_RESET;
        return IO;
    }

    /** Classifies any failure of an HTTP exchange, walking the cause chain. */
    public static String ofHttpFailure(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof HttpConnectTimeoutException
                    || e instanceof HttpTimeoutException
                    || e instanceof SocketTimeoutException) return TIMEOUT;
            if (e instanceof UnknownHostException || e instanceof UnresolvedAddressException) return UNKNOWN_HOST;
            if (e instanceof SSLException) return TLS;
            if (e instanceof ProtocolException) return PROTOCOL;
            if (e instanceof ConnectException) {
                String m = message(e);
                if (m.contains("timed out")) return TIMEOUT;
                if (m.isEmpty() || m.contains("refused")) return CONNECTION_REFUSED;
                return ofSocketFailure(e);
            }
            if (e instanceof NoRouteToHostException || e instanceof PortUnreachableException) return UNREACHABLE;
            String m = message(e);
            if (m.contains("reset") || m.contains("broken pipe")) return CONNECTION_RESET;
            // The peer closed before a whole response head arrived.
            if (e instanceof EOFException
                    || m.contains("received no bytes")
                    || m.contains("eof reached")
                    || m.contains("connection closed")) return CONNECTION_RESET;
            if (m.contains("too many open files")) return TOO_MANY_OPEN_FILES;
            if (e instanceof BindException) return NO_LOCAL_PORT;
            if (m.contains("header") || m.contains("status line") || m.contains("invalid")) {
                if (e instanceof IOException || e instanceof IllegalArgumentException) return PROTOCOL;
            }
            if (e instanceof SocketException && e.getCause() == null) return ofSocketFailure(e);
        }
        return failure instanceof IOException ? IO : INTERNAL;
    }

    /**
     * Whether the message of {@code e} contains {@code words} (lower case), ignoring case, without
     * a lower-cased copy: called for every refused port of a scan.
     */
    static boolean mentions(Throwable e, String words) {
        String m = e.getMessage();
        if (m == null) return false;
        for (int at = 0; at + words.length() <= m.length(); at++) {
            if (m.regionMatches(true, at, words, 0, words.length())) return true;
        }
        return false;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? "" : m.toLowerCase(Locale.ROOT);
    }
}
