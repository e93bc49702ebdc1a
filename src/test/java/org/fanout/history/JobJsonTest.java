package org.fanout.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A job's key is stored with every run and is how `diff` and `watch` find the run before: the
 * streaming writer that makes it now must write exactly what Jackson's ObjectMapper wrote before,
 * or a new Fanout would never match runs recorded by an older one.
 */
class JobJsonTest {
    @Test
    void theJobJsonIsWhatObjectMapperWrote() throws Exception {
        Map<String, Object> options = new TreeMap<>();
        options.put("--hosts", "127.0.0.1-20");
        options.put("--ports", "22,80,443");
        options.put("--banner", Boolean.TRUE);
        options.put("URL", List.of("http://127.0.0.1:8080/a?b=\"c\"&d=\\e", "http://localhost/ü/\u0001/\t\n"));
        options.put("--method", "HEAD");
        options.put("--empty", "");
        options.put("--header", "X-Quote: \"it's\" </script> \u2028");

        assertThat(Job.json(options)).isEqualTo(new ObjectMapper().writeValueAsString(options));
        assertThat(Job.json(new TreeMap<>())).isEqualTo("{}");
    }
}
