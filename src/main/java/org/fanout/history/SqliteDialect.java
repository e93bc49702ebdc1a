package org.fanout.history;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * An embedded SQLite file in WAL mode: readers never block the writer, and a second process
 * writing at the same time waits for the lock (busy timeout) instead of failing at once.
 * Transactions take the write lock when they begin (IMMEDIATE), so two writers queue instead
 * of deadlocking on a lock upgrade.
 */
final class SqliteDialect implements Dialect {
    static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path file;
    private final int busyTimeoutMs;
    /**
     * Made at first use: a new SQLiteConfig takes a fresh JVM ~40 ms (its date format loads calendar,
     * time-zone and locale data), which a scan would wait for before its first connect; the
     * history's own thread makes it instead.
     */
    private SQLiteDataSource dataSource;

    SqliteDialect(Path file) {
        this(file, BUSY_TIMEOUT_MS);
    }

    /** With a busy timeout of its own (tests: a lock held past it, in less than ten seconds). */
    SqliteDialect(Path file, int busyTimeoutMs) {
        this.file = file;
        this.busyTimeoutMs = busyTimeoutMs;
    }

    @Override
    public synchronized DataSource dataSource() {
        if (dataSource == null) {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(busyTimeoutMs);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            dataSource = new SQLiteDataSource(config);
            dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        }
        return dataSource;
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public boolean isBusy(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code;
    }

    @Override
    public String explain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                return switch (s.getResultCode()) {
                    case SQLITE_NOTADB -> "not a Fanout history database (the file is damaged or something else)";
                    case SQLITE_CORRUPT -> "the database file is damaged";
                    case SQLITE_FULL -> "the disk is full";
                    case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY ->
                        "the database is locked by another program";
                    case SQLITE_READONLY -> "the database is read-only";
                    case SQLITE_CANTOPEN -> "cannot open the database file";
                    default -> firstLine(s.getMessage());
                };
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getCause() == null) return firstLine(t.getMessage());
        }
        return "unknown problem";
    }

    static String firstLine(String message) {
        if (message == null) return "unknown problem";
        String line = message.strip().split("\\R", 2)[0];
        return line.toLowerCase(Locale.ROOT).startsWith("[sqlite") ? line.replaceFirst("^\\[[^]]*]\\s*", "") : line;
    }
}
