package org.fanout.engine.inputs;

import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.SplittableRandom;

/**
 * The order a job's targets are probed in, and which share of them one run takes: the one place
 * that decides both. Positions {@code 0..n-1} of the (permuted or written) order are dealt out to
 * shards like cards, position {@code p} to shard {@code p mod shards + 1}; so with one seed the
 * shards are disjoint, together they are the whole job, and their sizes differ by at most one.
 *
 * @param random true for the seeded pseudorandom order, false for the order written
 * @param seed   picks the permutation (ignored in the written order)
 * @param shard  which share this run takes, 1..shards
 * @param shards how many shares the job is split into, 1..{@value #MAX_SHARDS}
 */
public record TargetOrder(boolean random, long seed, int shard, int shards) {
    public static final int MAX_SHARDS = 1_000_000;

    public TargetOrder {
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new IllegalArgumentException("shard count must be 1-" + MAX_SHARDS + ", got " + shards);
        }
        if (shard < 1 || shard > shards) {
            throw new IllegalArgumentException("shard must be 1-" + shards + ", got " + shard);
        }
    }

    /** The order written, the whole job: how scans ran before orders existed. */
    public static TargetOrder sequential() {
        return new TargetOrder(false, 0, 1, 1);
    }

    /** The pseudorandom order {@code seed} picks, the whole job. */
    public static TargetOrder random(long seed) {
        return new TargetOrder(true, seed, 1, 1);
    }

    /**
     * A fresh seed, for a run that was not given one (non-negative, so it reads well in a summary).
     * It only has to differ from run to run (the order is no secret; a summary prints it), so it
     * comes from SplittableRandom's clock-seeded generator: a SecureRandom's first use set up the
     * security providers, 35-50 ms of every scan's start.
     */
    public static long newSeed() {
        return new SplittableRandom().nextLong() >>> 1;
    }

    /** The same order, taking only share {@code shard} of {@code shards}. */
    public TargetOrder shard(int shard, int shards) {
        return new TargetOrder(random, seed, shard, shards);
    }

    public boolean sharded() {
        return shards > 1;
    }

    /** How many of a job's {@code total} targets this shard takes. */
    public long shardSize(long total) {
        if (total < 0) throw new IllegalArgumentException("total must be >= 0, got " + total);
        return total < shard ? 0 : (total - shard) / shards + 1;
    }

    /**
     * The job indices (positions in the order written) this shard visits, in visiting order.
     * {@code permuted} false keeps the order written even when {@link #random} is set (for a
     * source that cannot be read at random).
     */
    public PrimitiveIterator.OfLong indices(long total, boolean permuted) {
        Permutation permutation = permuted && random ? Permutation.of(total, seed) : null;
        return new PrimitiveIterator.OfLong() {
            private long position = shard - 1;

            @Override
            public boolean hasNext() {
                return position < total;
            }

            @Override
            public long nextLong() {
                if (position >= total) throw new NoSuchElementException();
                long p = position;
                position += shards;
                return permutation == null ? p : permutation.apply(p);
            }
        };
    }

    /** Whether the job index at position {@code position} of the written order is this shard's. */
    boolean owns(long position) {
        return position % shards == shard - 1;
    }

    /** e.g. {@code random order, seed 42, shard 2/3} or {@code sequential order}. */
    public String describe() {
        String order = random ? "random order, seed " + seed : "sequential order";
        return sharded() ? order + ", shard " + shard + "/" + shards : order;
    }
}
