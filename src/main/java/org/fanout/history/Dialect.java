package org.fanout.history;

import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * What differs between the databases a history can live in. Everything else (the schema, the
 * SQL of {@link History}) is portable; SQLite for a file, PostgreSQL for a shared history.
 */
interface Dialect {
    /** Connections set up for this database (pragmas, timeouts), for Flyway and for Fanout. */
    DataSource dataSource();

    /** Where the database is, for messages. */
    String describe();

    /** Whether a failed statement may succeed if tried again (another writer held the lock). */
    boolean isBusy(SQLException e);

    /** A text column as ORDER BY must name it to sort by code point, as {@link RunDiff} walks (whatever the collation). */
    default String orderedText(String column) {
        return column;
    }

    /** Turns a driver's failure into one line for the user. */
    String explain(Throwable e);
}
