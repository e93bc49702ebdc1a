package org.fanout.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ProtocolException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The redirect resolver follows RFC 3986 section 5, and a bad port is the server's error. */
class HttpStepsTest {
    static final URI BASE = URI.create("http://127.0.0.1/b/c/d;p?q");

    static String resolve(String location) throws ProtocolException {
        return HttpSteps.redirectTarget(BASE, location).toString();
    }

    @Test
    void resolvesTheRfc3986Examples() throws ProtocolException {
        assertThat(resolve("g")).isEqualTo("http://127.0.0.1/b/c/g");
        assertThat(resolve("./g")).isEqualTo("http://127.0.0.1/b/c/g");
        assertThat(resolve("/g")).isEqualTo("http://127.0.0.1/g");
        assertThat(resolve("//localhost")).isEqualTo("http://localhost");
        assertThat(resolve("g?y")).isEqualTo("http://127.0.0.1/b/c/g?y");
        assertThat(resolve("g#s")).isEqualTo("http://127.0.0.1/b/c/g");
        assertThat(resolve("..")).isEqualTo("http://127.0.0.1/b/");
        assertThat(resolve("../g")).isEqualTo("http://127.0.0.1/b/g");
        assertThat(resolve("../..")).isEqualTo("http://127.0.0.1/");
        assertThat(resolve("../../g")).isEqualTo("http://127.0.0.1/g");
        assertThat(resolve("../../../g")).isEqualTo("http://127.0.0.1/g");
        assertThat(resolve("../../../../g")).isEqualTo("http://127.0.0.1/g");
        assertThat(resolve("/./g")).isEqualTo("http://127.0.0.1/g");
        assertThat(resolve("/../g")).isEqualTo("http://127.0.0.1/g");
        assertThat(resolve("g.")).isEqualTo("http://127.0.0.1/b/c/g.");
        assertThat(resolve("..g")).isEqualTo("http://127.0.0.1/b/c/..g");
        assertThat(resolve("./g/.")).isEqualTo("http://127.0.0.1/b/c/g/");
        assertThat(resolve("g/./h")).isEqualTo("http://127.0.0.1/b/c/g/h");
        assertThat(resolve("g/../h")).isEqualTo("http://127.0.0.1/b/c/h");
        assertThat(resolve("http://localhost:8080/a/../../b")).isEqualTo("http://localhost:8080/b");
    }

    @Test
    void aPortOutside1To65535IsAProtocolError() {
        assertThatThrownBy(() -> resolve("http://127.0.0.1:0/")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> resolve("http://127.0.0.1:65536/")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> resolve("http://127.0.0.1:99999999999/")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void aLocationThatIsNotAnHttpUrlIsNoRedirect() throws ProtocolException {
        assertThat(HttpSteps.redirectTarget(BASE, null)).isNull();
        assertThat(HttpSteps.redirectTarget(BASE, " ")).isNull();
        assertThat(HttpSteps.redirectTarget(BASE, "ftp://a/")).isNull();
        assertThat(HttpSteps.redirectTarget(BASE, "has space")).isNull();
    }
}
