package org.fanout.engine.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

/**
 * The bytes of one non-blocking connection, plain or through TLS: every call does what it can
 * without waiting and says so, and the selector loop waits for {@link #wantsWrite()} or readable.
 */
abstract sealed class NioTransport {
    final SocketChannel channel;

    NioTransport(SocketChannel channel) {
        this.channel = channel;
    }

    static NioTransport plain(SocketChannel channel) {
        return new Plain(channel);
    }

    static NioTransport tls(SocketChannel channel, String host, int port, TlsTrust trust) throws IOException {
        TlsTrust.Handshake handshake = trust.handshake();
        SSLEngine engine = handshake.context().createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        HttpSteps.tlsParameters(params, host);
        engine.setSSLParameters(params);
        engine.beginHandshake();
        return new Tls(channel, engine, handshake);
    }

    /** The certificate the server presented once the handshake is done; null for plain TCP. */
    CertificateInfo certificate() {
        return null;
    }

    /** Advances the handshake; true once it is done (at once for plain TCP). */
    abstract boolean handshake() throws IOException;

    /** Sends what it can of {@code src} (flushing earlier bytes first). */
    abstract void write(ByteBuffer src) throws IOException;

    /** Bytes still to go out before anything else can be sent. */
    abstract boolean wantsWrite();

    /** Reads what has arrived into {@code dst}: bytes read, 0 for none yet, -1 at end of stream. */
    abstract int read(ByteBuffer dst) throws IOException;

    private static final class Plain extends NioTransport {
        Plain(SocketChannel channel) {
            super(channel);
        }

        @Override
        boolean handshake() {
            return true;
        }

        @Override
        void write(ByteBuffer src) throws IOException {
            channel.write(src);
        }

        @Override
        boolean wantsWrite() {
            return false;
        }

        @Override
        int read(ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }
    }

    private static final class Tls extends NioTransport {
        private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);
        private final SSLEngine engine;
        private final TlsTrust.Handshake trust;
        private CertificateInfo certificate;
        private ByteBuffer netIn; // kept ready for channel reads (write mode)
        private final ByteBuffer netOut; // kept ready for channel writes (read mode)
        private final ByteBuffer scratch; // application bytes during the handshake (there are none)
        private boolean progressed; // the last unwrap consumed a handshake record

        Tls(SocketChannel channel, SSLEngine engine, TlsTrust.Handshake trust) {
            super(channel);
            this.engine = engine;
            this.trust = trust;
            int packet = engine.getSession().getPacketBufferSize();
            this.netIn = ByteBuffer.allocate(packet);
            this.netOut = ByteBuffer.allocate(packet).flip();
            this.scratch = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        }

        @Override
        boolean handshake() throws IOException {
            if (certificate != null) return true;
            try {
                boolean done = advanceHandshake();
                if (done) certificate = trust.seen(engine.getSession());
                return done;
            } catch (SSLException e) {
                throw new TlsHandshakeFailed(e, trust.seen(null));
            }
        }

        @Override
        CertificateInfo certificate() {
            return certificate;
        }

        private boolean advanceHandshake() throws IOException {
            while (true) {
                if (!flush()) return false;
                switch (engine.getHandshakeStatus()) {
                    case NOT_HANDSHAKING, FINISHED -> {
                        return true;
                    }
                    case NEED_TASK -> runTasks();
                    case NEED_WRAP -> wrap(NOTHING);
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        scratch.clear();
                        int n = unwrap(scratch);
                        if (n < 0)
                            throw new SSLHandshakeException("remote host closed the connection during the handshake");
                        if (n == 0 && !progressed) return false; // wait for the server's next bytes
                    }
                }
            }
        }

        @Override
        void write(ByteBuffer src) throws IOException {
            while (flush() && src.hasRemaining()) wrap(src);
        }

        @Override
        boolean wantsWrite() {
            return netOut.hasRemaining();
        }

        @Override
        int read(ByteBuffer dst) throws IOException {
            flush();
            return unwrap(dst);
        }

        /** Application bytes into {@code dst}: how many, 0 when more must arrive first, -1 at the end. */
        private int unwrap(ByteBuffer dst) throws IOException {
            progressed = false;
            while (true) {
                netIn.flip();
                SSLEngineResult r = engine.unwrap(netIn, dst);
                netIn.compact();
                if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) runTasks();
                switch (r.getStatus()) {
                    case CLOSED -> {
                        return -1;
                    }
                    case BUFFER_OVERFLOW -> throw new SSLException("TLS record larger than the session allows");
                    case OK -> {
                        if (r.bytesProduced() > 0) return r.bytesProduced();
                        if (r.bytesConsumed() > 0) {
                            progressed = true;
                            if (engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING)
                                return 0;
                            continue; // a record with no application data (a session ticket)
                        }
                    }
                    case BUFFER_UNDERFLOW -> {
                        if (!netIn.hasRemaining())
                            netIn = ByteBuffer.allocate(netIn.capacity() * 2).put(netIn.flip());
                    }
                }
                int n = channel.read(netIn);
                if (n <= 0) return n;
            }
        }

        private void wrap(ByteBuffer src) throws IOException {
            netOut.clear();
            SSLEngineResult r = engine.wrap(src, netOut);
            netOut.flip();
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) throw new SSLException("TLS session closed");
            if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) runTasks();
        }

        /** True when nothing is left to send. */
        private boolean flush() throws IOException {
            while (netOut.hasRemaining()) {
                if (channel.write(netOut) == 0) return false;
            }
            return true;
        }

        private void runTasks() {
            for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) task.run();
        }
    }
}
