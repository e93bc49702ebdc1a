package org.fanout.history;

import java.time.Instant;
import java.util.Map;
import org.fanout.export.ResultKind;

/**
 * One recorded run.
 *
 * @param finished null while the run goes on, or when it was killed
 * @param targets  targets in the job; {@code results} of them were recorded
 * @param counts   results by outcome (state, or status / error kind), largest first
 * @param complete every target was checked and recorded
 */
public record Run(long id, ResultKind kind, String job, String jobKey, String jobJson, Instant started,
                  Instant finished, long targets, long results, Map<String, Long> counts, boolean complete) {
    /** {@code scan} or {@code http}. */
    public String kindName() {
        return Job.kindName(kind);
    }
}
