package org.fanout.engine.probe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * The {@code <title>} of a page, read by jsoup's HTML parser: the charset is the Content-Type's,
 * else the page's own {@code <meta charset>} (or byte order mark), else UTF-8; entities are
 * decoded and whitespace collapsed. Control characters are kept: exporters escape them.
 */
final class Titles {
    /** Longer titles are cut here (an ellipsis marks the cut). */
    static final int MAX_CODE_POINTS = 256;

    private Titles() {}

    /** The title, "" for a page with an empty one, null for a body that has none. */
    static String of(byte[] body, String contentType) {
        if (body.length == 0) return null;
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(body), charsetOf(contentType), "");
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
        if (doc.selectFirst("title") == null) return null;
        return cap(doc.title());
    }

    /** The charset a Content-Type names, if Java knows it; null lets the page decide. */
    static String charsetOf(String contentType) {
        if (contentType == null) return null;
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = p.substring(8).strip().replace("\"", "").replace("'", "");
                try {
                    return Charset.forName(name).name();
                } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String cap(String s) {
        if (s.codePointCount(0, s.length()) <= MAX_CODE_POINTS) return s;
        return s.substring(0, s.offsetByCodePoints(0, MAX_CODE_POINTS - 1)) + "…";
    }
}
