package org.fanout.engine.strategy;

import java.util.ArrayList;
import java.util.List;

/** Tab-separated fields with {@code \t \n \r \\} escaped and a marker for null. */
final class Wire {
    static final String NULL = "\\0";

    private Wire() {}

    static String join(Object... fields) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) sb.append('\t');
            Object f = fields[i];
            if (f == null) {
                sb.append(NULL);
                continue;
            }
            String s = f.toString();
            for (int j = 0; j < s.length(); j++) {
                char c = s.charAt(j);
                switch (c) {
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\\' -> sb.append("\\\\");
                    default -> sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    static String[] split(String line) {
        List<String> out = new ArrayList<>(8);
        StringBuilder sb = new StringBuilder();
        boolean isNull = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                out.add(isNull ? null : sb.toString());
                sb.setLength(0);
                isNull = false;
            } else if (c == '\\' && i + 1 < line.length()) {
                char e = line.charAt(++i);
                switch (e) {
                    case 't' -> sb.append('\t');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case '0' -> isNull = true;
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        out.add(isNull ? null : sb.toString());
        return out.toArray(String[]::new);
    }
}
