package org.fanout.cli;

import java.nio.file.Files;
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

    /**
     * The database for a command that only reads it (history, show, prune, diff): a file named by
     * {@code --db} or {@code FANOUT_DB} that does not exist is refused, not made (a mistyped path
     * would leave an empty history behind and read as "no runs"). The default file is made as
     * ever: it is Fanout's own, and empty until something is recorded.
     */
    Database existing() {
        Database database = database();
        String env = System.getenv(Database.ENV);
        String namedBy =
                db != null && !db.isBlank() ? "--db " : env != null && !env.isBlank() ? Database.ENV + " " : null;
        Path file = database.file().orElse(null);
        if (namedBy != null && file != null && !Files.exists(file)) {
            throw new UserError(namedBy + file
                    + ": no such history (nothing is recorded there; a scan or http run with it makes it)");
        }
        return database;
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
