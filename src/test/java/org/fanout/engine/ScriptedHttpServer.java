package org.fanout.engine;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A raw HTTP/1.1 server on 127.0.0.1 that answers each request path with exactly the bytes a
 * test scripted, right or wrong, then keeps the connection for the next request, closes it, or
 * resets it. Unscripted paths get 404; a path with a dot segment gets 400.
 */
final class ScriptedHttpServer implements Closeable {
    enum Then {
        KEEP,
        CLOSE,
        RESET
    }

    record Reply(byte[] bytes, Then then) {
        static Reply of(String text, Then then) {
            return new Reply(text.getBytes(StandardCharsets.ISO_8859_1), then);
        }
    }

    private final ServerSocket listener;
    private final Map<String, Reply> replies;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    ScriptedHttpServer(Map<String, Reply> replies) throws IOException {
        this.replies = Map.copyOf(replies);
        this.listener = new ServerSocket(0, 100, InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().name("scripted-http-accept").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    String base() {
        return "http://127.0.0.1:" + port();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                open.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            for (String path = requestPath(in); path != null; path = requestPath(in)) {
                Reply reply = replies.get(path);
                if (reply == null) {
                    reply = Reply.of(
                            path.contains("/../") || path.contains("/./")
                                    ? "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                    : "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
                            Then.KEEP);
                }
                out.write(reply.bytes());
                out.flush();
                if (reply.then() == Then.RESET) {
                    s.setSoLinger(true, 0);
                    return;
                }
                if (reply.then() == Then.CLOSE) return;
            }
        } catch (IOException gone) {
            // the client hung up (a client that read enough of a huge reply)
        } finally {
            open.remove(s);
        }
    }

    /** The path of the next request, its head read to the blank line; null at end of stream. */
    private static String requestPath(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) return null;
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 16_384) return null;
        }
        String requestLine = head.toString(StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
        String[] parts = requestLine.split(" ");
        return parts.length == 3 ? parts[1] : null;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) s.close();
    }
}
