package org.fanout.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fanout.export.ResultKind;

/**
 * What a run checked, as the history keeps it.
 *
 * @param kind        TCP ({@code scan}) or HTTP ({@code http})
 * @param key         what makes two runs the same job (targets and probe settings, not how it runs:
 *                    threads, strategy, the seed of its order): diff and resume pair runs of equal keys
 * @param description one readable line, e.g. {@code scan --hosts 127.0.0.1 --ports 1-1024}
 * @param json        the job's options as a JSON object
 */
public record Job(ResultKind kind, String key, String description, String json) {
    /** Jackson's streaming writer, not its ObjectMapper: that takes ~0.2 s to start, on every scan. */
    private static final JsonFactory JSON = new JsonFactory();

    public Job {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(key);
        Objects.requireNonNull(description);
        Objects.requireNonNull(json);
    }

    /**
     * The job of a run from its options: {@code identity}, the options that make it this job (its
     * key), and {@code all}, every option as given. The command line and the app both make their
     * jobs here, so a run of one and the same job run in the other pair up in a diff.
     */
    public static Job of(ResultKind kind, Map<String, ?> identity, Map<String, ?> all, String description) {
        return new Job(kind, kindName(kind) + " " + json(identity), description, json(all));
    }

    /** Options as JSON, in the map's order: values are strings, lists of strings, or true (a flag). */
    static String json(Map<String, ?> options) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, ?> e : options.entrySet()) {
                g.writeFieldName(e.getKey());
                switch (e.getValue()) {
                    case Boolean b -> g.writeBoolean(b);
                    case List<?> values -> {
                        g.writeStartArray();
                        for (Object v : values) g.writeString(String.valueOf(v));
                        g.writeEndArray();
                    }
                    case Object v -> g.writeString(String.valueOf(v));
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** {@code scan} for TCP, {@code http} for HTTP: the command that makes such a run. */
    public static String kindName(ResultKind kind) {
        return kind == ResultKind.TCP ? "scan" : "http";
    }

    static ResultKind kindOf(String name) {
        return switch (name) {
            case "scan" -> ResultKind.TCP;
            case "http" -> ResultKind.HTTP;
            default -> throw new HistoryException("unknown run kind '" + name + "' in the database");
        };
    }
}
