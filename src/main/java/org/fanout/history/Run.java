package org.fanout.history;

import java.time.Instant;
import java.util.Map;
import org.fanout.export.ResultKind;

/**
 * One recorded run.
 *
 * @param finished null while the run goes on, or when it was killed
 * @param targets  targets in the job (in its shard, for a shard); {@code results} of them were recorded
 * @param counts   results by outcome (state, or status / error kind), largest first
 * @param complete every target was checked and recorded
 * @param seed     the seed of its target order, null for sequential order (or a run from before seeds)
 * @param shard    which shard of the job it is, 1..{@code shards} (1 of 1: the whole job)
 * @param groupId  the id of the group of shards it belongs to ({@link RunGroup}); its own id when not sharded
 * @param groupKey equal for the shards of one job (see {@link Shard#groupKey})
 */
public record Run(
        long id,
        ResultKind kind,
        String job,
        String jobKey,
        String jobJson,
        Instant started,
        Instant finished,
        long targets,
        long results,
        Map<String, Long> counts,
        boolean complete,
        Long seed,
        int shard,
        int shards,
        long groupId,
        String groupKey) {
    /** A run of a whole job, of no known seed. */
    public Run(
            long id,
            ResultKind kind,
            String job,
            String jobKey,
            String jobJson,
            Instant started,
            Instant finished,
            long targets,
            long results,
            Map<String, Long> counts,
            boolean complete) {
        this(
                id, kind, job, jobKey, jobJson, started, finished, targets, results, counts, complete, null, 1, 1, id,
                jobKey);
    }

    /** {@code scan} or {@code http}. */
    public String kindName() {
        return Job.kindName(kind);
    }

    public boolean sharded() {
        return shards > 1;
    }

    /** The same run, now ended. */
    Run finished(Instant when, long results, Map<String, Long> counts, boolean complete) {
        return new Run(
                id, kind, job, jobKey, jobJson, started, when, targets, results, counts, complete, seed, shard, shards,
                groupId, groupKey);
    }
}
