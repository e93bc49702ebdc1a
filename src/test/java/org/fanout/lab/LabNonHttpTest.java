package org.fanout.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bytes that cannot start a request (a TLS ClientHello) get 400 at once, not a wait for a line end. */
class LabNonHttpTest {
    @Test
    @Timeout(20)
    void aTlsClientHelloIsAnsweredAtOnce() throws Exception {
        try (LabHttpServer lab = LabHttpServer.start();
                RawHttp c = RawHttp.connect(lab.port(), 3000)) {
            // A ClientHello's record header: handshake (0x16), TLS 1.0 record version, no line end ever follows.
            c.send(new String(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xc8, 0x01}, StandardCharsets.ISO_8859_1));
            long start = System.nanoTime();
            RawHttp.Response r = c.readResponse(false);
            assertThat(r.status()).isEqualTo(400);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2500);
        }
    }
}
