package org.fanout.cli;

import java.nio.file.Path;
import org.fanout.history.Database;
import org.fanout.history.HistoryException;
import picocli.CommandLine.Option;

/** {@code --db}: which history database; shared by every command that reads or writes one. */
final class DbOption {
    @Option(
            names = "--db",
            paramLabel = "PATH|URL",
            description =
                    "History database file, or a PostgreSQL URL postgresql://user@host:5432/db (password from the URL,"
                            + " $PGPASSWORD or ~/.pgpass) (default: $FANOUT_DB, else $XDG_DATA_HOME/fanout/history.db"
                            + " or ~/.local/share/fanout/history.db).")
    String db;

    Database database() {
        return Database.locate(db, System.getenv());
    }

    /** The history's SQLite file (given or the default), or null for PostgreSQL: never an output. */
    Path file() {
        try {
            return database().file().orElse(null);
        } catch (HistoryException e) { // a --db Fanout cannot use: said once, where the history is opened
            return null;
        }
    }
}
