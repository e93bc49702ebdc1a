package org.fanout.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

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
}
