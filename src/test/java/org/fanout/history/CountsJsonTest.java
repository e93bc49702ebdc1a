package org.fanout.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run's counts are stored as JSON and read back by every `history` listing: the streaming code
 * that writes and reads them now must agree with what Jackson's ObjectMapper wrote before, or
 * runs recorded by an older Fanout would list without counts.
 */
class CountsJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void writesWhatObjectMapperWroteLargestFirst() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("open", 2L);
        counts.put("closed", 65_533L);
        counts.put("error: \"timeout\" \\ ü", 7L);
        counts.put("filtered", 7L);
        counts.put("big", 5_000_000_000L);

        String json = RunsTable.countsJson(counts);

        assertThat(json).isEqualTo(MAPPER.writeValueAsString(RunsTable.largestFirst(counts)));
        assertThat(List.copyOf(RunsTable.parseCounts(json).keySet()))
                .containsExactly("big", "closed", "error: \"timeout\" \\ ü", "filtered", "open");
        assertThat(RunsTable.countsJson(Map.of())).isEqualTo("{}");
    }

    @Test
    void readsWhatObjectMapperWroteAndNothingDamaged() throws Exception {
        Map<String, Long> old = Map.of("200", 17_576L, "error: refused", 3L);
        Map<String, Long> read = RunsTable.parseCounts(MAPPER.writeValueAsString(old));

        assertThat(read)
                .isEqualTo(MAPPER.readValue(MAPPER.writeValueAsString(old), new TypeReference<Map<String, Long>>() {}));
        assertThat(List.copyOf(read.keySet())).containsExactly("200", "error: refused");
        assertThat(RunsTable.parseCounts("{}")).isEmpty();
        assertThat(RunsTable.parseCounts("")).isEmpty();
        assertThat(RunsTable.parseCounts("[1,2]")).isEmpty();
        assertThat(RunsTable.parseCounts("{\"open\":\"x\"}")).isEmpty();
        assertThat(RunsTable.parseCounts("{\"open\":1")).isEmpty();
    }
}
