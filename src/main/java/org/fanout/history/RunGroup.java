package org.fanout.history;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fanout.export.ResultKind;

/**
 * The runs that are shards of one execution of a job (same job, seed and shard count), read as
 * one run: {@code fanout history} lists it once with its shards' progress, and {@link RunDiff}
 * compares two of them as two runs. A run of a whole job is a group of one.
 *
 * @param runs the shards recorded so far, by shard number (never empty)
 */
public record RunGroup(List<Run> runs) {
    public RunGroup {
        if (runs.isEmpty()) throw new IllegalArgumentException("a group has at least one run");
        runs = runs.stream()
                .sorted(Comparator.comparingInt(Run::shard).thenComparingLong(Run::id))
                .toList();
    }

    public static RunGroup of(Run run) {
        return new RunGroup(List.of(run));
    }

    /** The id of the group: that of its first shard to start (a run's own id when not sharded). */
    public long id() {
        return runs.getFirst().groupId();
    }

    public ResultKind kind() {
        return runs.getFirst().kind();
    }

    public String kindName() {
        return runs.getFirst().kindName();
    }

    /** The job, without which shard: {@code --shard 2/4} reads {@code --shard &#42;/4}. */
    public String job() {
        Run first = runs.getFirst();
        return first.sharded() ? first.job().replaceFirst("--shard \\S+", "--shard */" + first.shards()) : first.job();
    }

    /** What makes two groups the same job: equal for every execution of the same job, seed and shard count. */
    public String groupKey() {
        return runs.getFirst().groupKey();
    }

    /** How many shards the job is split into (1: not sharded). */
    public int shards() {
        return runs.getFirst().shards();
    }

    public boolean sharded() {
        return shards() > 1;
    }

    public Long seed() {
        return runs.getFirst().seed();
    }

    /** How many of the shards have completed. */
    public int completeShards() {
        return (int) runs.stream().filter(Run::complete).count();
    }

    /** Every shard was recorded and completed. */
    public boolean complete() {
        return completeShards() == shards() && runs.size() == shards();
    }

    /** {@code shards 3/4 complete}, or null when not sharded. */
    public String progress() {
        return sharded() ? "shards " + completeShards() + "/" + shards() + " complete" : null;
    }

    public Instant started() {
        return runs.stream().map(Run::started).min(Comparator.naturalOrder()).orElseThrow();
    }

    /** When the last shard finished; null while any goes on (or was killed) or one has not started. */
    public Instant finished() {
        if (runs.size() < shards() || runs.stream().anyMatch(r -> r.finished() == null)) return null;
        return runs.stream().map(Run::finished).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** Targets of the shards recorded so far: the whole job's once every shard has started. */
    public long targets() {
        return runs.stream().mapToLong(Run::targets).sum();
    }

    public long results() {
        return runs.stream().mapToLong(Run::results).sum();
    }

    /** Results by outcome over every shard, largest first. */
    public Map<String, Long> counts() {
        Map<String, Long> all = new LinkedHashMap<>();
        runs.forEach(r -> r.counts().forEach((k, v) -> all.merge(k, v, Long::sum)));
        return RunsTable.largestFirst(all);
    }

    /** The ids of the runs, by shard. */
    public List<Long> runIds() {
        return runs.stream().map(Run::id).toList();
    }
}
