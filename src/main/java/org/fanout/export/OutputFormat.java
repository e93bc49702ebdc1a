package org.fanout.export;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats results can be written in. */
public enum OutputFormat {
    /** RFC 4180 CSV, every field quoted, one header line. */
    CSV,
    /** JSON lines: one JSON object per result, field names as the CSV columns. */
    JSON,
    /** An aligned, human-readable table for terminals. Not meant to be read back. */
    TEXT;

    /** The lower-case name used on the command line: {@code csv}, {@code json}, {@code text}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a format name, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException if the name is null or not one of csv, json, text
     */
    public static OutputFormat parse(String name) {
        if (name != null) {
            String wanted = name.strip();
            for (OutputFormat format : values()) {
                if (format.name().equalsIgnoreCase(wanted)) {
                    return format;
                }
            }
        }
        String expected = Arrays.stream(values()).map(OutputFormat::label).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown output format '" + name + "': expected one of " + expected);
    }

    /**
     * Guesses the format from a file name's extension: {@code .csv} → CSV; {@code .json},
     * {@code .jsonl}, {@code .ndjson} → JSON; {@code .txt} → TEXT; anything else → CSV.
     */
    public static OutputFormat fromFileName(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return CSV;
        }
        String lower = name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json") || lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return JSON;
        }
        if (lower.endsWith(".txt")) {
            return TEXT;
        }
        return CSV;
    }
}
