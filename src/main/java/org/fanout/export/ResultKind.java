package org.fanout.export;

import java.util.List;
import java.util.Locale;

/** The two kinds of result files Fanout writes: TCP connect scans and HTTP checks. */
public enum ResultKind {
    TCP,
    HTTP;

    /** {@code tcp} or {@code http}, as used in messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The CSV header (and JSON field names) of this kind, in order. */
    public List<String> columns() {
        return this == TCP ? Columns.TCP : Columns.HTTP;
    }

    /** The columns files had before the TLS columns were appended; such files are still read. */
    public List<String> columnsBeforeTls() {
        return this == TCP ? Columns.TCP_BEFORE_TLS : Columns.HTTP_BEFORE_TLS;
    }
}
