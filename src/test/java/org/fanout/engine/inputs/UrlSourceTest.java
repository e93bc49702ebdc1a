package org.fanout.engine.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanout.engine.inputs.Errors.assertSyntaxError;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlSourceTest {
    static List<String> list(UrlSource source) {
        List<String> out = new ArrayList<>();
        source.forEach(u -> out.add(u.toString()));
        return out;
    }

    @Test
    void listOfUrls() {
        UrlSource source =
                UrlSource.of(List.of("http://127.0.0.1:8080/", "https://localhost/health?x=1", "HTTP://[::1]:80/a"));
        assertThat(source.count()).isEqualTo(3);
        assertThat(list(source))
                .containsExactly("http://127.0.0.1:8080/", "https://localhost/health?x=1", "HTTP://[::1]:80/a");
        assertThat(source.iterator().next().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void listErrorsNameTheUrlAndPosition() {
        assertSyntaxError(() -> UrlSource.of(List.of()), -1, "no URLs");
        assertSyntaxError(
                () -> UrlSource.of(List.of("http://127.0.0.1/", "ftp://127.0.0.1/")),
                0,
                "URL 'ftp://127.0.0.1/'",
                "scheme 'ftp' is not http or https");
        assertSyntaxError(() -> UrlSource.of(List.of("127.0.0.1/x")), 0, "not an absolute URL");
        assertSyntaxError(() -> UrlSource.of(List.of("http:foo")), 5, "no host");
        assertSyntaxError(() -> UrlSource.of(List.of("http:///path")), 7, "no host");
        assertSyntaxError(
                () -> UrlSource.of(List.of("http://127.0.0.1/a b")), 18, "'http://127.0.0.1/a b'", "illegal character");
        assertSyntaxError(() -> UrlSource.of(List.of("http://127.0.0.1:99999/")), 17, "port 99999 is outside 1-65535");
        assertSyntaxError(() -> UrlSource.of(List.of("http://127.0.0.1:x/")), 17, "port");
        assertSyntaxError(() -> UrlSource.of(List.of("")), 0, "empty URL");
        TargetSyntaxException e = Errors.syntaxError(() -> UrlSource.of(List.of("mailto:a@b")));
        assertThat(e.input()).isEqualTo("mailto:a@b");
    }

    @Test
    void threeLetterPatternIsLazyAndExact() {
        UrlSource source = UrlSource.pattern("http://127.0.0.1:8080/{a-z}{a-z}{a-z}");
        assertThat(source.count()).isEqualTo(17_576);
        Iterator<URI> it = source.iterator();
        assertThat(it.next()).hasToString("http://127.0.0.1:8080/aaa");
        assertThat(it.next()).hasToString("http://127.0.0.1:8080/aab");
        String last = null;
        long n = 2;
        while (it.hasNext()) {
            last = it.next().toString();
            n++;
        }
        assertThat(n).isEqualTo(17_576);
        assertThat(last).isEqualTo("http://127.0.0.1:8080/zzz");
    }

    @Test
    void odometerOrderLastGroupFastest() {
        assertThat(list(UrlSource.pattern("http://127.0.0.1/{a-b}{0-2}")))
                .containsExactly(
                        "http://127.0.0.1/a0",
                        "http://127.0.0.1/a1",
                        "http://127.0.0.1/a2",
                        "http://127.0.0.1/b0",
                        "http://127.0.0.1/b1",
                        "http://127.0.0.1/b2");
    }

    @Test
    void groupForms() {
        assertThat(list(UrlSource.pattern("http://127.0.0.1/{www,api,mail}/")))
                .containsExactly("http://127.0.0.1/www/", "http://127.0.0.1/api/", "http://127.0.0.1/mail/");
        assertThat(list(UrlSource.pattern("http://127.0.0.1/{a-c0-1_}")))
                .containsExactly(
                        "http://127.0.0.1/a",
                        "http://127.0.0.1/b",
                        "http://127.0.0.1/c",
                        "http://127.0.0.1/0",
                        "http://127.0.0.1/1",
                        "http://127.0.0.1/_");
        List<String> numbers = list(UrlSource.pattern("http://127.0.0.1/p{1-100}"));
        assertThat(numbers).hasSize(100).startsWith("http://127.0.0.1/p1").endsWith("http://127.0.0.1/p100");
        assertThat(numbers.get(9)).isEqualTo("http://127.0.0.1/p10");
        List<String> padded = list(UrlSource.pattern("http://127.0.0.1/{001-100}"));
        assertThat(padded).hasSize(100).startsWith("http://127.0.0.1/001").endsWith("http://127.0.0.1/100");
        assertThat(padded.get(41)).isEqualTo("http://127.0.0.1/042");
        assertThat(list(UrlSource.pattern("http://127.0.0.1/{A-C}")))
                .containsExactly("http://127.0.0.1/A", "http://127.0.0.1/B", "http://127.0.0.1/C");
        assertThat(list(UrlSource.pattern("http://127.0.0.1/{,x}y")))
                .containsExactly("http://127.0.0.1/y", "http://127.0.0.1/xy");
        assertThat(list(UrlSource.pattern("http://127.0.0.1/{a-}")))
                .containsExactly("http://127.0.0.1/a", "http://127.0.0.1/-");
        assertThat(list(UrlSource.pattern("http://127.0.0.1/{a\\,b,c}")))
                .containsExactly("http://127.0.0.1/a,b", "http://127.0.0.1/c");
        assertThat(list(UrlSource.pattern("http://127.0.0.1/{aab}")))
                .as("duplicates once")
                .containsExactly("http://127.0.0.1/a", "http://127.0.0.1/b");
    }

    @Test
    void noGroupsIsOneUrl() {
        UrlSource one = UrlSource.pattern("https://localhost/");
        assertThat(one.count()).isEqualTo(1);
        assertThat(list(one)).containsExactly("https://localhost/");
    }

    @Test
    void escapedBracesAreLiteral() {
        UrlSource source = UrlSource.pattern("http://127.0.0.1/\\{x\\}/{a-b}");
        assertThat(source.count()).isEqualTo(2);
        List<String> urls = list(source);
        assertThat(urls).containsExactly("http://127.0.0.1/%7Bx%7D/a", "http://127.0.0.1/%7Bx%7D/b");
        assertThat(URI.create(urls.get(0)).getPath()).isEqualTo("/{x}/a");
    }

    @Test
    void hugePatternsAreCountedWithoutExpanding() {
        UrlSource source = UrlSource.pattern("http://127.0.0.1/{0-9}{0-9}{0-9}{0-9}{0-9}{0-9}{0-9}{0-9}");
        assertThat(source.count()).isEqualTo(100_000_000L);
        Iterator<URI> it = source.iterator();
        assertThat(it.next()).hasToString("http://127.0.0.1/00000000");
        assertThat(it.next()).hasToString("http://127.0.0.1/00000001");
        assertThat(UrlSource.pattern("http://127.0.0.1/{1-100000000}").count()).isEqualTo(100_000_000L);
    }

    @Test
    void patternErrors() {
        assertSyntaxError(() -> UrlSource.pattern(""), 0, "empty URL pattern");
        assertSyntaxError(() -> UrlSource.pattern("http://127.0.0.1/{a-z"), 17, "unclosed '{'");
        assertSyntaxError(() -> UrlSource.pattern("http://127.0.0.1/{}"), 17, "empty group");
        assertSyntaxError(() -> UrlSource.pattern("http://127.0.0.1/{,}"), 17, "only empty alternatives");
        assertSyntaxError(() -> UrlSource.pattern("http://127.0.0.1/x{z-a}"), 19, "reversed range 'z-a'");
        assertSyntaxError(() -> UrlSource.pattern("http://127.0.0.1/{100-1}"), 18, "reversed range '100-1'");
        assertSyntaxError(() -> UrlSource.pattern("http://127.0.0.1/{A-z}"), 18, "range 'A-z' includes '['");
        assertSyntaxError(() -> UrlSource.pattern("http://127.0.0.1/{a b}"), 19, "' '", "cannot appear");
        assertSyntaxError(() -> UrlSource.pattern("http://127.0.0.1/{a{b}}"), 19, "'{' inside a group");
        assertSyntaxError(() -> UrlSource.pattern("http://127.0.0.1/a}"), 18, "'}' without a matching '{'");
        assertSyntaxError(() -> UrlSource.pattern("http://127.0.0.1/a\\"), 18, "escapes nothing");
        assertSyntaxError(
                () -> UrlSource.pattern("http://127.0.0.1/{0-9}{0-9}{0-9}{0-9}{0-9}{0-9}{0-9}{0-9}{0-1}"),
                57,
                "pattern expands to 200000000 URLs, at most 100000000");
        assertSyntaxError(
                () -> UrlSource.pattern("http://127.0.0.1/{1-999999999999999999}{a-z}"),
                17,
                "pattern expands to 25999999999999999974 URLs");
        assertSyntaxError(() -> UrlSource.pattern("http://127.0.0.1/{1-9999999999999999999}"), 18, "too large");
        assertSyntaxError(
                () -> UrlSource.pattern("{ftp,http}://127.0.0.1/"),
                0,
                "does not give a valid URL",
                "scheme 'ftp'",
                "'ftp://127.0.0.1/'");
        assertSyntaxError(() -> UrlSource.pattern("{a-z}.localhost"), 0, "not an absolute URL");
        assertSyntaxError(
                () -> UrlSource.pattern("{http,https,ftp}://127.0.0.1/"),
                0,
                "does not give a valid URL",
                "scheme 'ftp'",
                "'ftp://127.0.0.1/'");
        assertSyntaxError(() -> UrlSource.pattern("http://127.0.0.1:{1-7}0000/"), 17, "port 70000");
        assertSyntaxError(() -> UrlSource.pattern("http://127.0.0.1/ {a-z}"), 17, "illegal character");
        assertSyntaxError(() -> UrlSource.pattern("http:{a-b}"), 5, "no host");
    }
}
