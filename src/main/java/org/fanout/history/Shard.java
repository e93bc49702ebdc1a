package org.fanout.history;

import java.util.Objects;

/**
 * Which share of its job a run takes ({@code --shard index/count}) and the seed of its order.
 *
 * @param seed     the seed of the target order, null for sequential order
 * @param groupKey equal for the {@code count} shards of one job: the job's key less which shard it
 *                 is (for a run of the whole job, its job key)
 */
public record Shard(int index, int count, Long seed, String groupKey) {
    public Shard {
        Objects.requireNonNull(groupKey);
        if (count < 1 || index < 1 || index > count) throw new IllegalArgumentException("shard " + index + "/" + count);
    }

    /** A run of the whole job. */
    public static Shard whole(Job job, Long seed) {
        return new Shard(1, 1, seed, job.key());
    }

    public boolean sharded() {
        return count > 1;
    }
}
