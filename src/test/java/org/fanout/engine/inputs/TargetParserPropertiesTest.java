package org.fanout.engine.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random and adversarial text into every parser: each either succeeds or throws a
 * TargetSyntaxException with a usable message and a position inside the input, never
 * anything else and never a hang.
 */
class TargetParserPropertiesTest {
    private static final Duration GUARD = Duration.ofSeconds(10);

    /** Runs {@code parse}; on failure checks the exception is a well-formed TargetSyntaxException. */
    private static void succeedsOrSyntaxError(String input, Consumer<String> parse) {
        assertTimeoutPreemptively(GUARD, () -> {
            try {
                parse.accept(input);
            } catch (TargetSyntaxException e) {
                assertThat(e.position()).as(e.getMessage()).isBetween(-1, input.length());
                assertThat(e.getMessage()).isNotBlank().doesNotStartWith("error:");
                if (e.position() >= 0) {
                    assertThat(e.getMessage()).endsWith("at position " + e.position());
                }
            }
        });
    }

    private static Arbitrary<String> mixed(String alphabet, String... fragments) {
        Arbitrary<String> chars =
                Arbitraries.strings().withChars(alphabet.toCharArray()).ofMaxLength(40);
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(30);
        Arbitrary<String> joined = Arbitraries.of(fragments).list().ofMaxSize(8).map(l -> String.join("", l));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, chars),
                net.jqwik.api.Tuple.of(1, anything),
                net.jqwik.api.Tuple.of(4, joined));
    }

    @Provide
    Arbitrary<String> portTexts() {
        return mixed(
                "0123456789,- \tabcdehlpstxAL6",
                "22",
                "80",
                "-",
                ",",
                " ",
                "65535",
                "65536",
                "0",
                "ssh",
                "http",
                "top100",
                "all",
                "1-1024",
                "99999999999",
                "http-alt",
                "",
                "\u0661");
    }

    @Provide
    Arbitrary<String> hostTexts() {
        return mixed(
                "0123456789./-:[]abcfxyz, \n#$_%",
                "127",
                ".",
                "0",
                "1",
                "255",
                "256",
                "-",
                "/",
                "8",
                "24",
                "32",
                "33",
                ":",
                "::",
                "[",
                "]",
                "ffff",
                "localhost",
                ",",
                " ",
                "\n",
                "#",
                "%",
                "a-",
                "-b",
                "x".repeat(64),
                "127.1.2.3",
                "127.0.0.1-",
                "127.0.0.0/",
                "::1/",
                "0.0.0.0-255.255.255.255");
    }

    @Provide
    Arbitrary<String> patterns() {
        Arbitrary<String> body = mixed(
                "{}\\,-az09AZ_:/.% ",
                "{",
                "}",
                "\\",
                "a-z",
                "0-9",
                "001-100",
                "1-100",
                ",",
                "-",
                "www",
                "{a-z}",
                "{}",
                "{,}",
                "\\{",
                "%",
                " ",
                "{0-9}{0-9}{0-9}{0-9}",
                "{1-99999999999999999999}",
                "{z-a}",
                "[",
                ":",
                "{A-z}");
        Arbitrary<String> prefix = Arbitraries.of(
                "http://127.0.0.1/",
                "https://localhost:{1-9}0/",
                "http://",
                "",
                "{http,https}://127.0.0.1/",
                "ftp://",
                "http://127.0.0.1:");
        return net.jqwik.api.Combinators.combine(prefix, body).as((p, b) -> p + b);
    }

    @Provide
    Arbitrary<String> urls() {
        Arbitrary<String> body = mixed(
                "az09:/.?#%[]@ !-{}",
                "127.0.0.1", "localhost", ":", "80", "99999", "/", "?", "#", "%", "%zz", "[::1]", "[", " ", "@", "x");
        Arbitrary<String> prefix =
                Arbitraries.of("http://", "https://", "HTTP://", "ftp://", "http:", "", "//", "http:///");
        return net.jqwik.api.Combinators.combine(prefix, body).as((p, b) -> p + b);
    }

    @Provide
    Arbitrary<String> durationTexts() {
        return mixed(
                "0123456789.-+ msunhd\u00b5e",
                "1",
                "250",
                ".",
                "5",
                "ms",
                "s",
                "m",
                "us",
                "ns",
                "h",
                "-",
                " ",
                "0",
                "99999999999999999999",
                "e");
    }

    @Property(tries = 1000)
    void portSpecParse(@ForAll("portTexts") String text) {
        succeedsOrSyntaxError(text, t -> {
            PortSpec spec = PortSpec.parse(t);
            assertThat(spec.count()).isBetween(1, 65535);
            assertThat(spec.toArray()).hasSize(spec.count());
            assertThat(PortSpec.parse(spec.toString())).isEqualTo(spec);
        });
    }

    @Property(tries = 1000)
    void hostSpecParse(@ForAll("hostTexts") String text) {
        succeedsOrSyntaxError(text, t -> {
            HostSpec spec = HostSpec.parse(t);
            assertThat(spec.count()).isBetween(1L, HostSpec.MAX_HOSTS);
            if (spec.count() <= 5000) {
                long n = 0;
                for (String host : spec) {
                    assertThat(host).isNotEmpty().doesNotContain(",", " ", "#", "[", "]");
                    n++;
                }
                assertThat(n).isEqualTo(spec.count());
            }
        });
    }

    @Property(tries = 1000)
    void urlPattern(@ForAll("patterns") String pattern) {
        succeedsOrSyntaxError(pattern, p -> {
            UrlSource source = UrlSource.pattern(p);
            assertThat(source.count()).isBetween(1L, UrlSource.MAX_PATTERN_URLS);
            Iterator<URI> it = source.iterator();
            URI first = it.next();
            assertThat(first.getScheme().toLowerCase(Locale.ROOT)).isIn("http", "https");
            assertThat(first.getHost()).isNotEmpty();
            if (source.count() <= 2000) {
                long n = 0;
                for (URI ignored : source) {
                    n++;
                }
                assertThat(n).isEqualTo(source.count());
            }
        });
    }

    @Property(tries = 1000)
    void urlList(@ForAll("urls") String url) {
        succeedsOrSyntaxError(url, u -> {
            URI uri = UrlSource.of(List.of(u)).iterator().next();
            assertThat(uri.getScheme().toLowerCase(Locale.ROOT)).isIn("http", "https");
            assertThat(uri.getHost()).isNotEmpty();
        });
    }

    @Property(tries = 1000)
    void durations(@ForAll("durationTexts") String text) {
        succeedsOrSyntaxError(text, t -> {
            Duration d = Durations.parse(t);
            assertThat(d).isPositive().isLessThanOrEqualTo(Durations.MAX);
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        });
    }
}
