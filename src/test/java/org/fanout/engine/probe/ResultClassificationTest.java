package org.fanout.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one classification of results, pinned per shape: every TCP state, HTTP statuses of each
 * class and past 5xx, and every error kind. The counters, the status tiles, the charts and the
 * table's filter all read it, so a change here is a change everywhere at once.
 */
class ResultClassificationTest {
    private static TcpResult tcp(TcpState state, String error) {
        return new TcpResult("127.0.0.1", "127.0.0.1", 80, "http", state, 1_000, null, error);
    }

    private static HttpResult http(int status, String error) {
        return new HttpResult(
                "http://127.0.0.1:9/", status, 1_000, status > 0 ? "http://127.0.0.1:9/" : null, -1, error);
    }

    /** Every {@link ErrorKinds} name, so a kind added later is covered too. */
    private static List<String> errorKinds() throws IllegalAccessException {
        List<String> kinds = new ArrayList<>();
        for (Field f : ErrorKinds.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) kinds.add((String) f.get(null));
        }
        assertThat(kinds).contains(ErrorKinds.TIMEOUT, ErrorKinds.CONNECTION_REFUSED, ErrorKinds.WORKER_DIED);
        return kinds;
    }

    @Test
    void tcpStatesAreTheirOwnCategoriesAndOnlyErrorIsAnError() {
        assertThat(TcpResult.CATEGORIES).containsExactly("open", "closed", "filtered", "error");
        assertThat(tcp(TcpState.OPEN, null))
                .extracting(
                        ProbeResult::outcome, ProbeResult::category, ProbeResult::isAnswered, ProbeResult::errorKind)
                .containsExactly("open", "open", true, null);
        assertThat(tcp(TcpState.CLOSED, null))
                .extracting(
                        ProbeResult::outcome, ProbeResult::category, ProbeResult::isAnswered, ProbeResult::errorKind)
                .containsExactly("closed", "closed", true, null);
        // a filtered port carries "timeout" as its error, yet is a state, not an error
        TcpResult filtered = tcp(TcpState.FILTERED, ErrorKinds.TIMEOUT);
        assertThat(filtered)
                .extracting(
                        ProbeResult::outcome,
                        ProbeResult::category,
                        ProbeResult::isAnswered,
                        ProbeResult::errorKind,
                        ProbeResult::error)
                .containsExactly("filtered", "filtered", false, null, "timeout");
        assertThat(tcp(TcpState.ERROR, ErrorKinds.UNREACHABLE))
                .extracting(
                        ProbeResult::outcome, ProbeResult::category, ProbeResult::isAnswered, ProbeResult::errorKind)
                .containsExactly("error", "error", false, "unreachable");
        assertThat(tcp(TcpState.ERROR, null).errorKind()).isEqualTo(ProbeResult.UNKNOWN);
        assertThat(tcp(TcpState.ERROR, " ").errorKind()).isEqualTo(ProbeResult.UNKNOWN);
        assertThat(tcp(null, null))
                .extracting(
                        ProbeResult::outcome, ProbeResult::category, ProbeResult::isAnswered, ProbeResult::errorKind)
                .containsExactly("error", "error", false, ProbeResult.UNKNOWN);
    }

    @Test
    void everyTcpErrorKindIsCountedUnderItsName() throws Exception {
        for (String kind : errorKinds()) {
            TcpResult r = tcp(TcpState.ERROR, kind);
            assertThat(r.errorKind()).as(kind).isEqualTo(kind);
            assertThat(r.category()).as(kind).isEqualTo("error");
        }
    }

    @Test
    void httpStatusesFallIntoTheirClassAndAreResponses() {
        assertThat(HttpResult.CATEGORIES).containsExactly("1xx", "2xx", "3xx", "4xx", "5xx", "errors");
        int[] statuses = {100, 101, 199, 200, 204, 299, 301, 304, 399, 400, 404, 418, 499, 500, 503, 599};
        for (int status : statuses) {
            HttpResult r = http(status, null);
            String want = (status / 100) + "xx";
            assertThat(r)
                    .as("status " + status)
                    .extracting(
                            ProbeResult::outcome,
                            ProbeResult::category,
                            ProbeResult::isAnswered,
                            ProbeResult::errorKind)
                    .containsExactly(Integer.toString(status), want, true, null);
        }
    }

    @Test
    void aStatusPast5xxIsAnAnswerCountedAsAnErrorUnderItsCode() {
        for (int status : new int[] {600, 799, 999}) {
            HttpResult r = http(status, null);
            assertThat(r)
                    .as("status " + status)
                    .extracting(
                            ProbeResult::outcome,
                            ProbeResult::category,
                            ProbeResult::isAnswered,
                            ProbeResult::errorKind)
                    .containsExactly(Integer.toString(status), "errors", true, Integer.toString(status));
        }
        assertThat(http(799, " ").errorKind()).isEqualTo("799");
    }

    @Test
    void everyHttpErrorKindIsItsOwnOutcomeInTheErrorsCategory() throws Exception {
        for (String kind : errorKinds()) {
            HttpResult r = http(0, kind);
            assertThat(r)
                    .as(kind)
                    .extracting(
                            ProbeResult::outcome,
                            ProbeResult::category,
                            ProbeResult::isAnswered,
                            ProbeResult::errorKind)
                    .containsExactly(kind, "errors", false, kind);
        }
        assertThat(http(0, null))
                .extracting(ProbeResult::outcome, ProbeResult::errorKind)
                .containsExactly(ProbeResult.UNKNOWN, ProbeResult.UNKNOWN);
    }

    /** The status tiles count outcomes, not results: an outcome's category must be its result's. */
    @Test
    void theCategoryOfAnOutcomeIsTheCategoryOfItsResult() throws Exception {
        List<ProbeResult> all = new ArrayList<>();
        for (TcpState s : TcpState.values()) all.add(tcp(s, s == TcpState.ERROR ? ErrorKinds.IO : null));
        for (int status : new int[] {101, 200, 302, 404, 500, 600, 999}) all.add(http(status, null));
        for (String kind : errorKinds()) all.add(http(0, kind));
        all.add(http(0, null));
        for (ProbeResult r : all) {
            String fromOutcome = r instanceof TcpResult
                    ? TcpResult.categoryOfOutcome(r.outcome())
                    : HttpResult.categoryOfOutcome(r.outcome());
            assertThat(fromOutcome).as(r.toString()).isEqualTo(r.category());
            assertThat(r instanceof TcpResult ? TcpResult.CATEGORIES : HttpResult.CATEGORIES)
                    .contains(r.category());
            // an error is exactly a result in the error category
            boolean errorCategory = r.category().equals(r instanceof TcpResult ? "error" : HttpResult.ERRORS);
            assertThat(r.errorKind() != null).as(r.toString()).isEqualTo(errorCategory);
        }
    }

    @Test
    void theOutcomeOfARecordedCheckIsTheOutcomeOfItsResult() {
        assertThat(HttpResult.outcome(404, null)).isEqualTo(http(404, null).outcome());
        assertThat(HttpResult.outcome(0, ErrorKinds.TLS)).isEqualTo("tls");
        assertThat(HttpResult.isStatus("404")).isTrue();
        assertThat(HttpResult.isStatus("timeout")).isFalse();
        assertThat(HttpResult.isStatus("")).isFalse();
    }
}
