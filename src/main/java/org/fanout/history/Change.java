package org.fanout.history;

import java.util.Locale;

/**
 * One target that differs between two runs.
 *
 * @param key    {@code host:port} or the URL
 * @param type   new (only in the newer run), gone (only in the older), changed
 * @param before what the older run saw (state or status, and the banner / final URL where that
 *               changed); null for new
 * @param after  what the newer run saw; null for gone
 */
public record Change(String key, Type type, String before, String after) {
    public enum Type {
        NEW,
        GONE,
        CHANGED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
