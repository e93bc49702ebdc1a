package org.fanout.export;

import java.util.Locale;

/**
 * Makes text from the remote side or the user safe for spreadsheets and terminals.
 *
 * <h2>Escape scheme of {@link #escapeControls}</h2>
 * One scheme everywhere (CSV, JSON, the text table, the terminal):
 * <ul>
 *   <li>{@code \} becomes {@code \\}, so the escaping can be undone ({@link #unescapeControls});</li>
 *   <li>line feed, carriage return and tab become {@code \n}, {@code \r}, {@code \t};</li>
 *   <li>every other C0 control (U+0000–U+001F, ESC included), DEL (U+007F) and every C1
 *       control (U+0080–U+009F, CSI included) becomes {@code \xHH}, two lower-case hex digits,
 *       so a terminal escape sequence such as {@code ESC [ 3 1 m} shows as the harmless text
 *       {@code \x1b[31m};</li>
 *   <li>the invisible Unicode characters that hide text, reorder it or break lines on display:
 *       every format character (category Cf: bidi marks, embeddings, overrides and isolates such
 *       as U+200E, U+202E, U+2066, U+061C; zero-width U+200B–U+200D, U+2060, U+FEFF; soft
 *       hyphen; tag characters U+E0000–U+E007F, written as their two UTF-16 halves) and the line
 *       and paragraph separators U+2028, U+2029, become <code>&#92;u{HHHH}</code>, upper-case hex.</li>
 * </ul>
 * Every other character, printable Unicode included, is kept as it is.
 */
public final class CellSafety {
    /** Marks text cut short by {@link #cap}. */
    public static final String ELLIPSIS = "…";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CellSafety() {}

    /**
     * Neutralises spreadsheet formula injection (OWASP "CSV injection"): a cell that begins with
     * tab or carriage return, or whose first character that is neither white space (no-break
     * space included) nor an invisible format character (zero-width space, byte order mark, bidi
     * mark...) is {@code =}, {@code +}, {@code -} or {@code @}, gets a leading single quote, so
     * a spreadsheet shows it as text instead of evaluating it (spreadsheets skip such leading
     * characters). Other cells are returned unchanged; null becomes the empty string.
     *
     * <p>Apply it to text that may come from the remote side or the user (host, banner, error,
     * url, final url, service). Numbers Fanout formats itself are never negative and need none.
     */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        if (first == '\t' || first == '\r') {
            return "'" + cell;
        }
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c > ' ' && c < 0x7f) { // printable ASCII (most cells start so): neither space nor format
                return c == '=' || c == '+' || c == '-' || c == '@' ? "'" + cell : cell;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT) {
                continue;
            }
            return c == '=' || c == '+' || c == '-' || c == '@' ? "'" + cell : cell;
        }
        return cell;
    }

    /**
     * Text from outside (a server's banner or title, a job as the user wrote it) for a CSV cell:
     * its controls {@linkplain #escapeControls escaped}, then {@linkplain #neutralise neutralised}.
     */
    public static String csvText(String s) {
        return neutralise(escapeControls(s));
    }

    /** Escapes control characters as described in the class comment; null becomes "". */
    public static String escapeControls(String s) {
        if (s == null) {
            return "";
        }
        int first = firstToEscape(s);
        if (first < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        out.append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (isControl(c)) {
                        out.append("\\x").append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else if (isInvisibleFormatting(c) || isInvisibleHalf(s, i)) {
                        out.append("\\u{")
                                .append(String.format(Locale.ROOT, "%04X", (int) c))
                                .append('}');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * Undoes {@link #escapeControls}: {@code unescapeControls(escapeControls(s)).equals(s)} for
     * every string. A backslash not starting a known escape is kept as it is.
     */
    public static String unescapeControls(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = s.charAt(i + 1);
            switch (next) {
                case '\\' -> {
                    out.append('\\');
                    i += 2;
                }
                case 'n' -> {
                    out.append('\n');
                    i += 2;
                }
                case 'r' -> {
                    out.append('\r');
                    i += 2;
                }
                case 't' -> {
                    out.append('\t');
                    i += 2;
                }
                case 'x' -> {
                    int value = hexValue(s, i + 2, i + 4);
                    if (value >= 0) {
                        out.append((char) value);
                        i += 4;
                    } else {
                        out.append(c);
                        i++;
                    }
                }
                case 'u' -> {
                    int close = s.indexOf('}', i + 3);
                    int value = i + 2 < s.length() && s.charAt(i + 2) == '{' && close > i + 3
                            ? hexValue(s, i + 3, close)
                            : -1;
                    if (value >= 0 && value <= Character.MAX_VALUE) {
                        out.append((char) value);
                        i = close + 1;
                    } else {
                        out.append(c);
                        i++;
                    }
                }
                default -> {
                    out.append(c);
                    i++;
                }
            }
        }
        return out.toString();
    }

    /**
     * Shortens text to at most {@code max} code points, ending it with {@link #ELLIPSIS} when
     * cut (the ellipsis counts towards {@code max}). Surrogate pairs are never split; null
     * becomes "".
     *
     * @throws IllegalArgumentException if max is less than 1
     */
    public static String cap(String s, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        if (s == null) {
            return "";
        }
        if (s.length() <= max || s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        int end = s.offsetByCodePoints(0, max - 1);
        return s.substring(0, end) + ELLIPSIS;
    }

    private static int firstToEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || isControl(c) || isInvisibleFormatting(c) || isInvisibleHalf(s, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }

    private static boolean isInvisibleFormatting(char c) {
        return Character.getType(c) == Character.FORMAT || c == '\u2028' || c == '\u2029';
    }

    /** Whether s[i] is half of a surrogate pair that encodes a format character (a tag character, say). */
    private static boolean isInvisibleHalf(String s, int i) {
        char c = s.charAt(i);
        int codePoint;
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            codePoint = Character.toCodePoint(c, s.charAt(i + 1));
        } else if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) {
            codePoint = Character.toCodePoint(s.charAt(i - 1), c);
        } else {
            return false;
        }
        return Character.getType(codePoint) == Character.FORMAT;
    }

    /** The value of the hex digits in s[from, to), or -1 if that is not 1+ hex digits. */
    private static int hexValue(String s, int from, int to) {
        if (from >= to || to > s.length() || to - from > 6) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int digit = c < 0x80 ? Character.digit(c, 16) : -1;
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
