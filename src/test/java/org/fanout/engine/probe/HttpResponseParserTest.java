package org.fanout.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The parser gives the same answer whether the bytes come all at once or one at a time. */
class HttpResponseParserTest {
    /** Feeds {@code text} one byte per call, then the end of input if {@code close}; returns unconsumed bytes. */
    static String byteByByte(HttpResponseParser p, String text, boolean close) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        int i = 0;
        while (i < bytes.length && !p.complete()) {
            ByteBuffer one = ByteBuffer.wrap(bytes, i, 1);
            p.feed(one);
            if (!one.hasRemaining()) i++;
        }
        if (close && !p.complete()) p.endOfInput();
        return new String(bytes, i, bytes.length - i, StandardCharsets.ISO_8859_1);
    }

    static HttpResponseParser whole(String text, boolean head) throws IOException {
        HttpResponseParser p = new HttpResponseParser(head);
        p.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
        return p;
    }

    @Test
    void readsStatusVersionHeadersAndBodyOneByteAtATime() throws IOException {
        HttpResponseParser p = new HttpResponseParser(false);
        String rest = byteByByte(
                p,
                "HTTP/1.1 200 OK\r\nServer: lab\r\nX-Long: one\r\n  two\r\nContent-Length: 5\r\n\r\nhelloNEXT",
                false);
        assertThat(p.complete()).isTrue();
        assertThat(p.reusable()).isTrue();
        assertThat(rest).isEqualTo("NEXT");
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.version()).isEqualTo("HTTP/1.1");
        assertThat(p.reason()).isEqualTo("OK");
        assertThat(p.header("server")).isEqualTo("lab");
        assertThat(p.header("X-LONG")).isEqualTo("one two");
        assertThat(p.contentLength()).isEqualTo(5);
        assertThat(p.bodyBytes()).isEqualTo(5);
    }

    @Test
    void skipsInterimResponsesButNot101() throws IOException {
        HttpResponseParser p = new HttpResponseParser(false);
        byteByByte(
                p,
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\nLink: x\n\nHTTP/1.1 204 No Content\r\n\r\n",
                false);
        assertThat(p.complete()).isTrue();
        assertThat(p.status()).isEqualTo(204);
        assertThat(p.header("link")).isNull();
        HttpResponseParser upgrade = new HttpResponseParser(false);
        byteByByte(upgrade, "HTTP/1.1 101 Switching Protocols\r\n\r\n", false);
        assertThat(upgrade.status()).isEqualTo(101);
        assertThat(upgrade.reusable()).isFalse();
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailers() throws IOException {
        HttpResponseParser p = new HttpResponseParser(false);
        String rest = byteByByte(
                p,
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\r\nhello\r\nA\r\n0123456789\r\n0\r\nT: 1\r\n\r\nX",
                false);
        assertThat(p.complete()).isTrue();
        assertThat(p.reusable()).isTrue();
        assertThat(p.bodyBytes()).isEqualTo(15);
        assertThat(rest).isEqualTo("X");
    }

    @Test
    void headAnd204And304HaveNoBodyWhateverTheHeadersSay() throws IOException {
        assertThat(whole("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", true).complete())
                .isTrue();
        assertThat(whole("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n", false)
                        .complete())
                .isTrue();
        assertThat(whole("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n", false)
                        .complete())
                .isTrue();
    }

    @Test
    void unframedBodyEndsAtCloseAndIsNotReusable() throws IOException {
        HttpResponseParser p = new HttpResponseParser(false);
        byteByByte(p, "HTTP/1.1 200 OK\r\n\r\nall of it", true);
        assertThat(p.complete()).isTrue();
        assertThat(p.bodyBytes()).isEqualTo(9);
        assertThat(p.reusable()).isFalse();
        assertThat(whole("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false)
                        .reusable())
                .isFalse();
        assertThat(whole("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false).reusable())
                .isFalse();
        assertThat(whole("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n", false)
                        .reusable())
                .isTrue();
    }

    @Test
    void aBodyBeyondTheDrainLimitAnswersWithoutBeingRead() throws IOException {
        HttpResponseParser p = whole("HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\n\r\n", false);
        assertThat(p.answered()).isFalse();
        p.feed(ByteBuffer.allocate((int) HttpResponseParser.MAX_BODY_DRAIN + 1));
        assertThat(p.answered()).isTrue();
        assertThat(p.complete()).isFalse();
        assertThat(p.reusable()).isFalse();
    }

    @Test
    void endOfInputBeforeAnyByteIsNotAProtocolError() {
        assertThatThrownBy(() -> byteByByte(new HttpResponseParser(true), "", true))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void malformedRepliesAreProtocolErrorsFedWholeOrByteByByte() {
        String[] bad = {
            "HTTP/1.1 200 " + "x".repeat(HttpProbeConfig.MAX_HEAD_BYTES) + "\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 10\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
            "HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n",
            "HTTP/1.1 200 OK\r\n: empty name\r\n\r\n",
            "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n",
            "HTTP/1.1 200 OK\r\n folded first\r\n\r\n",
            "HTTP/1.1 200 OK\r\nX: a\0b\r\n\r\n",
            "HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n",
            "HTTP/1.1 abc OK\r\n\r\n",
            "HTTP/1.1 099 Low\r\n\r\n",
            "HTTP/1.1 20 Short\r\n\r\n",
            "HTTP/1.1 2000 Long\r\n\r\n",
            "HTTP/2.0 200 OK\r\n\r\n",
            "HTTP/1.1\r\n\r\n",
            "http/1.1 200 OK\r\n\r\n",
            "SSH-2.0-OpenSSH\r\n",
            "HTTP/1.1 100 Continue\r\n\r\n".repeat(HttpResponseParser.MAX_INTERIM_RESPONSES + 1),
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5 x\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n", // then close
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello", // then close
            "HTTP/1.1 200 OK\r\nContent-Le", // then close
        };
        for (String reply : bad) {
            String shown = reply.length() > 80 ? reply.substring(0, 80) + "..." : reply;
            assertThatThrownBy(() -> byteByByte(new HttpResponseParser(false), reply, true))
                    .as(shown)
                    .isInstanceOf(ProtocolException.class);
            assertThatThrownBy(() -> {
                        HttpResponseParser p = whole(reply, false);
                        if (!p.complete()) p.endOfInput();
                    })
                    .as(shown)
                    .isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void lenientWhereCurlIs() throws IOException {
        assertThat(whole("HTTP/1.1 200\nContent-Length: 0\n\n", false).status()).isEqualTo(200);
        assertThat(whole("HTTP/1.1 999 Denied\r\nContent-Length: 0\r\n\r\n", false)
                        .status())
                .isEqualTo(999);
        assertThat(whole("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc", false)
                        .complete())
                .isTrue();
        assertThat(whole("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", false)
                        .complete())
                .isTrue();
    }
}
