package org.fanout.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the history lives: {@code --db PATH}, else {@code FANOUT_DB}, else the platform's place
 * for application data ({@link #defaultFile}). A {@code postgresql://} or {@code jdbc:postgresql:}
 * URL names a shared PostgreSQL database ({@link PostgresDialect}).
 */
public final class Database {
    public static final String ENV = "FANOUT_DB";

    final Dialect dialect;

    private Database(Dialect dialect) {
        this.dialect = dialect;
    }

    /** An SQLite file; its directory is created when missing. */
    public static Database sqlite(Path file) {
        return new Database(new SqliteDialect(file));
    }

    /** An SQLite file whose writers wait at most {@code busyTimeoutMs} for a lock before trying again. */
    static Database sqlite(Path file, int busyTimeoutMs) {
        return new Database(new SqliteDialect(file, busyTimeoutMs));
    }

    /**
     * The database chosen by {@code option} (may be null), the environment and the platform.
     *
     * @throws HistoryException for a URL of a database Fanout cannot use
     */
    public static Database locate(String option, Map<String, String> env) {
        String chosen = option != null && !option.isBlank() ? option : env.get(ENV);
        if (chosen != null && !chosen.isBlank()) {
            if (PostgresDialect.isUrl(chosen)) {
                return new Database(PostgresDialect.of(chosen, env, System.getProperty("user.home", ".")));
            }
            if (chosen.strip().toLowerCase(Locale.ROOT).startsWith("jdbc:")
                    || chosen.strip().matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) { // mysql://... is no file name
                throw new HistoryException(
                        PostgresDialect.maskUrl(chosen) + ": only SQLite files and PostgreSQL URLs are supported");
            }
            return sqlite(Path.of(chosen));
        }
        return sqlite(defaultFile(env, System.getProperty("os.name", ""), System.getProperty("user.home", ".")));
    }

    /**
     * {@code $XDG_DATA_HOME/fanout/history.db} where that is set; otherwise
     * {@code ~/Library/Application Support/Fanout} on macOS, {@code %LOCALAPPDATA%\Fanout} on
     * Windows, {@code ~/.local/share/fanout} elsewhere.
     */
    static Path defaultFile(Map<String, String> env, String osName, String home) {
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "fanout", "history.db");
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) return Path.of(home, "Library", "Application Support", "Fanout", "history.db");
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local) : Path.of(home, "AppData", "Local");
            return base.resolve("Fanout").resolve("history.db");
        }
        return Path.of(home, ".local", "share", "fanout", "history.db");
    }

    /** The SQLite file, or empty for a PostgreSQL database: a file no output may be written over. */
    public Optional<Path> file() {
        return dialect instanceof SqliteDialect ? Optional.of(Path.of(dialect.describe())) : Optional.empty();
    }

    /** Where the database is, for messages. */
    public String describe() {
        return dialect.describe();
    }

    /** Creates the directory of a database file if it is missing. */
    void prepare() {
        if (dialect instanceof SqliteDialect) {
            Path dir = Path.of(dialect.describe()).toAbsolutePath().getParent();
            try {
                if (dir != null) Files.createDirectories(dir);
            } catch (IOException e) {
                throw new HistoryException(
                        describe() + ": cannot create directory " + dir + " (" + e.getMessage() + ")", e);
            }
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
