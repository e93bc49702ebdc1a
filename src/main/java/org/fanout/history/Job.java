package org.fanout.history;

import java.util.Objects;
import org.fanout.export.ResultKind;

/**
 * What a run checked, as the history keeps it.
 *
 * @param kind        TCP ({@code scan}) or HTTP ({@code http})
 * @param key         what makes two runs the same job (targets and probe settings, not the thread
 *                    count): diff and resume pair runs of equal keys
 * @param description one readable line, e.g. {@code scan --hosts 127.0.0.1 --ports 1-1024}
 * @param json        the job's options as a JSON object
 */
public record Job(ResultKind kind, String key, String description, String json) {
    public Job {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(key);
        Objects.requireNonNull(description);
        Objects.requireNonNull(json);
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
