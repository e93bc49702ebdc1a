package org.fanout.ui.results;

import java.nio.file.Path;
import java.util.Locale;

/** What File → Export writes: the CLI's CSV or JSON lines, or a plain list to feed other tools. */
public enum ExportFormat {
    CSV("CSV", "csv"),
    JSON_LINES("JSON lines", "jsonl"),
    /** One {@code ip:port} per open port (TCP) or one URL per answering URL (HTTP). */
    LIST("ip:port / URL list", "txt");

    private final String label;
    private final String extension;

    ExportFormat(String label, String extension) {
        this.label = label;
        this.extension = extension;
    }

    String label() {
        return label;
    }

    public String extension() {
        return extension;
    }

    /** The format a chosen file name asks for by its extension ({@code .json}/{@code .ndjson} too); CSV otherwise. */
    public static ExportFormat of(Path file) {
        String name =
                file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) return JSON_LINES;
        if (name.endsWith(".txt") || name.endsWith(".list")) return LIST;
        return CSV;
    }
}
