package org.fanout.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema version the code expects against the migrations it ships. */
class SchemaTest {
    @Test
    void theSchemaVersionConstantIsTheNewestMigration() throws IOException, URISyntaxException {
        Path migrations = Path.of(Schema.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(migrations)) {
            int newest = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max()
                    .orElseThrow();
            assertThat(Schema.SCHEMA_VERSION).isEqualTo(newest);
        }
    }

    /**
     * Two processes making one new history: this one's query of the versions fails (no table),
     * the other makes the whole schema, and only then does this one decide. It must migrate (a
     * no-op by now), not report "no such table" and record nothing.
     */
    @Test
    void aSchemaMadeByAnotherProcessAfterTheFailedQueryIsNoFailure(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("new.db");
        try (Connection mine = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement query = mine.createStatement()) {
            SQLException failed = catchThrowableOfType(
                    SQLException.class,
                    () -> query.executeQuery("SELECT version FROM flyway_schema_history WHERE success = TRUE"));
            try (History other = History.open(Database.sqlite(file))) {
                assertThat(other.runs(10)).isEmpty();
            }
            assertThat(Schema.versionsMissing(failed, mine)).isTrue();
        }
        try (History mine = History.open(Database.sqlite(file))) {
            assertThat(mine.runs(10)).isEmpty();
        }
    }

    /** Any other failure to read the versions is reported, not taken for a new database. */
    @Test
    void aVersionsTableFanoutCannotReadIsReported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("odd.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE flyway_schema_history (something_else INTEGER)");
            SQLException failed = catchThrowableOfType(
                    SQLException.class,
                    () -> s.executeQuery("SELECT version FROM flyway_schema_history WHERE success = TRUE"));
            assertThat(Schema.versionsMissing(failed, c)).isFalse();
        }
    }

    /** Another program's SQLite file given as the history is refused in Fanout's words, and left as it was. */
    @Test
    void anotherProgramsDatabaseIsRefusedAndLeftAlone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("notes.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (text TEXT)");
            s.execute("INSERT INTO notes VALUES ('keep me')");
        }
        assertThatThrownBy(() -> History.open(Database.sqlite(file)))
                .isInstanceOf(HistoryException.class)
                .hasMessageContaining("not a Fanout history")
                .hasMessageNotContaining("baseline");
        assertThat(SqliteCount.of(file.toString(), "SELECT COUNT(*) FROM sqlite_master"))
                .isEqualTo(1);
        assertThat(SqliteCount.of(file.toString(), "SELECT COUNT(*) FROM notes"))
                .isEqualTo(1);
    }
}
