package org.fanout.ui.theme;

import java.util.Locale;

/** The app's colours: light, dark, or whatever the desktop uses. */
public enum Theme {
    LIGHT,
    DARK,
    SYSTEM;

    /** {@code light}, {@code dark}, {@code system}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses light, dark or system (any case). */
    public static Theme parse(String text) {
        if (text != null) {
            for (Theme t : values()) {
                if (t.label().equalsIgnoreCase(text.strip())) return t;
            }
        }
        throw new IllegalArgumentException("unknown theme '" + text + "' (expected light, dark or system)");
    }
}
