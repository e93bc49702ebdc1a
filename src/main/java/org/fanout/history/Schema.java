package org.fanout.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * The history's schema: migrated by Flyway ({@code db/migration}) where it is behind, and a
 * database from a newer Fanout refused rather than guessed at.
 */
final class Schema {
    /** The newest migration in {@code db/migration} (V4__...sql); a test keeps the two in step. */
    static final int SCHEMA_VERSION = 4;

    /**
     * Flyway's notes (and its advice to upgrade) are not for Fanout's users; its failures arrive
     * as exceptions. Held here so the level stays; set only when Flyway runs, since starting
     * java.util.logging costs a scan's start ~15 ms.
     */
    private static Logger flywayLog;

    private Schema() {}

    /**
     * Migrates the schema where it is behind.
     *
     * @throws HistoryException if a newer Fanout made the schema
     */
    static void bringUpToDate(Database database) throws SQLException {
        if (!upToDate(database)) migrate(database);
    }

    /**
     * Whether the schema is already at {@link #SCHEMA_VERSION}, read directly: Flyway takes a
     * good part of a second to start, which every scan would pay for nothing.
     *
     * @throws HistoryException if a newer Fanout made the schema
     */
    private static boolean upToDate(Database database) throws SQLException {
        try (Connection c = database.dialect.dataSource().getConnection()) {
            int newest = 0;
            // Asked directly, not through the driver's metadata (sqlite-jdbc's getTables is a query
            // of its own over every table): a database Flyway has not made has no such table.
            try (PreparedStatement select =
                            c.prepareStatement("SELECT version FROM flyway_schema_history WHERE success = TRUE");
                    ResultSet versions = select.executeQuery()) {
                while (versions.next()) {
                    String version = versions.getString(1);
                    if (version != null && version.matches("\\d+"))
                        newest = Math.max(newest, Integer.parseInt(version));
                }
            } catch (SQLException e) {
                if (versionsMissing(e, c)) return false;
                throw e;
            }
            if (newest > SCHEMA_VERSION) throw newer(database, newest);
            return newest == SCHEMA_VERSION;
        }
    }

    /**
     * Whether reading the versions failed ({@code e}) because there was no table of them: a new
     * database, to migrate. Decided by the failure itself where it says so: asked again, the table
     * may be there, made since by another process making the same new database, and Flyway
     * (which skips what is applied) settles that; any other failure is the database's to report.
     */
    static boolean versionsMissing(SQLException e, Connection c) throws SQLException {
        return "42P01".equals(e.getSQLState()) // PostgreSQL: undefined table
                || String.valueOf(e.getMessage()).contains("no such table")
                || hasNoFlywayTable(c);
    }

    private static boolean hasNoFlywayTable(Connection c) throws SQLException {
        try (ResultSet tables = c.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
            return !tables.next();
        }
    }

    private static HistoryException newer(Database database, Object version) {
        return new HistoryException(database.describe() + ": made by a newer Fanout (schema version " + version
                + ", this one knows " + SCHEMA_VERSION + "); use that version, or another --db");
    }

    private static synchronized void migrate(Database database) {
        if (flywayLog == null) flywayLog = quiet("org.flywaydb");
        Flyway flyway = Flyway.configure(Schema.class.getClassLoader())
                .dataSource(database.dialect.dataSource())
                .locations("classpath:db/migration")
                .load();
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getState() == MigrationState.FUTURE_SUCCESS || info.getState() == MigrationState.FUTURE_FAILED) {
                throw newer(database, info.getVersion());
            }
        }
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            // Flyway's own advice (baseline()) is for its users, not Fanout's
            if (!String.valueOf(e.getMessage()).contains("but no schema history table")) throw e;
            throw new HistoryException(database.describe() + ": not a Fanout history: it holds tables of another"
                    + " program and none of Fanout's; give a new file or an empty database (--db)");
        }
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.OFF);
        return logger;
    }
}
