package org.fanout.engine.inputs;

/**
 * A user's target text (hosts, ports, URLs, patterns, durations, files) could not be understood.
 * The message says what was wrong and where, so the CLI can print it as one {@code error:} line
 * and the GUI can show it beside the field.
 */
public final class TargetSyntaxException extends IllegalArgumentException {
    private final String input;
    private final int position;

    /**
     * @param message  what is wrong, e.g. "port 70000 is outside 1-65535"
     * @param input    the text that was being parsed (may be null for files)
     * @param position zero-based offset into {@code input} where the problem starts, or -1
     */
    public TargetSyntaxException(String message, String input, int position) {
        super(message);
        this.input = input;
        this.position = position;
    }

    public TargetSyntaxException(String message) {
        this(message, null, -1);
    }

    public String input() {
        return input;
    }

    /** Zero-based offset into {@link #input()}, or -1 where no single position applies. */
    public int position() {
        return position;
    }
}
