package org.fanout.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import org.fanout.engine.probe.CertificateInfo;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;

/**
 * Streams results as JSON lines: one JSON object per result, each ended by {@code \n}, with
 * the field names of the CSV columns ({@link Columns#TCP}, {@link Columns#HTTP}), in order.
 *
 * <p>Every field is always present. Numbers ({@code port}, {@code status}, {@code latency_ms},
 * {@code content_length}) are JSON numbers, and null where the CSV cell would be empty; text
 * that is absent is null. Values are not formula-neutralised (JSON is not a spreadsheet, and
 * keeping them exact keeps resume keys exact), but the banner is
 * {@linkplain CellSafety#escapeControls control-escaped} exactly as in CSV, so the two formats
 * carry the same banner text and {@code jq -r} never prints raw escape sequences.
 */
public final class JsonLinesWriter<R extends ProbeResult> implements ResultWriter<R> {
    private static final JsonFactory FACTORY =
            new JsonFactoryBuilder().rootValueSeparator((String) null).build();

    @FunctionalInterface
    private interface Fields<R> {
        void write(JsonGenerator json, R result) throws IOException;
    }

    private final JsonGenerator json;
    private final Fields<R> fields;
    private final boolean flushEachResult;

    private JsonLinesWriter(Writer out, Fields<R> fields, boolean flushEachResult) throws IOException {
        this.json = FACTORY.createGenerator(out);
        this.fields = fields;
        this.flushEachResult = flushEachResult;
    }

    /** A JSON lines writer for TCP results; closing it closes {@code out}. */
    public static JsonLinesWriter<TcpResult> tcp(Writer out, boolean flushEachResult) throws IOException {
        return new JsonLinesWriter<>(out, JsonLinesWriter::tcpFields, flushEachResult);
    }

    /** A JSON lines writer for HTTP results; closing it closes {@code out}. */
    public static JsonLinesWriter<HttpResult> http(Writer out, boolean flushEachResult) throws IOException {
        return new JsonLinesWriter<>(out, JsonLinesWriter::httpFields, flushEachResult);
    }

    @Override
    public synchronized void write(R result) throws IOException {
        json.writeStartObject();
        fields.write(json, result);
        json.writeEndObject();
        json.writeRaw('\n');
        if (flushEachResult) {
            json.flush();
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        json.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        json.close();
    }

    private static void tcpFields(JsonGenerator json, TcpResult r) throws IOException {
        json.writeStringField("host", r.host());
        json.writeStringField("ip", r.ip());
        json.writeNumberField("port", r.port());
        json.writeStringField("service", r.service());
        json.writeStringField("state", r.state() == null ? null : r.state().label());
        latency(json, r.latencyNanos());
        json.writeStringField("banner", escaped(r.banner()));
        json.writeStringField("error", r.error());
        certificate(json, r.certificate());
        json.writeStringField("name", escaped(r.name()));
    }

    /** Text a server chose, escaped as in CSV; null stays null. */
    private static String escaped(String s) {
        return s == null ? null : CellSafety.escapeControls(s);
    }

    private static void certificate(JsonGenerator json, CertificateInfo c) throws IOException {
        json.writeStringField("tls_version", c == null ? null : c.tlsVersion());
        json.writeStringField("cert_subject", c == null ? null : escaped(c.subject()));
        json.writeStringField("cert_issuer", c == null ? null : escaped(c.issuer()));
        json.writeStringField("cert_sans", c == null ? null : escaped(c.sans()));
        json.writeStringField("cert_not_after", c == null ? null : c.notAfter().toString());
        json.writeFieldName("cert_days_left");
        if (c == null) {
            json.writeNull();
        } else {
            json.writeNumber(c.daysLeft());
        }
        json.writeFieldName("cert_trusted");
        if (c == null) {
            json.writeNull();
        } else {
            json.writeBoolean(c.trusted());
        }
    }

    private static void httpFields(JsonGenerator json, HttpResult r) throws IOException {
        json.writeStringField("url", r.url());
        json.writeFieldName("status");
        if (r.status() > 0) {
            json.writeNumber(r.status());
        } else {
            json.writeNull();
        }
        latency(json, r.latencyNanos());
        json.writeStringField("final_url", r.finalUrl());
        json.writeFieldName("content_length");
        if (r.contentLength() >= 0) {
            json.writeNumber(r.contentLength());
        } else {
            json.writeNull();
        }
        json.writeStringField("error", r.error());
        json.writeStringField("http_version", r.httpVersion());
        json.writeStringField("server", escaped(r.server()));
        json.writeStringField("title", escaped(r.title()));
        certificate(json, r.certificate());
    }

    private static void latency(JsonGenerator json, long nanos) throws IOException {
        json.writeFieldName("latency_ms");
        if (nanos >= 0) {
            json.writeNumber(Columns.latencyMillis(nanos)); // same digits as the CSV cell
        } else {
            json.writeNull();
        }
    }
}
