package org.fanout.engine.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.PrimitiveIterator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The permutation is a bijection of [0, n) for every n, and shards partition it evenly. */
class PermutationPropertiesTest {

    /** Sizes where an off-by-one would hide: 0, 1, primes, powers of two and their neighbours, odd bit counts. */
    @Provide
    Arbitrary<Long> sizes() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        0L, 1L, 2L, 3L, 4L, 5L, 7L, 8L, 9L, 13L, 16L, 17L, 31L, 32L, 33L, 127L, 128L, 129L, 1021L,
                        1024L, 1025L, 4093L, 4096L, 8191L, 65521L, 65536L, 65537L),
                Arbitraries.longs().between(0, 70_000));
    }

    @Property(tries = 200)
    void isABijection(@ForAll("sizes") long n, @ForAll long seed) {
        Permutation p = Permutation.of(n, seed);
        BitSet seen = new BitSet((int) n);
        for (long i = 0; i < n; i++) {
            long image = p.apply(i);
            assertThat(image).isBetween(0L, n - 1);
            assertThat(seen.get((int) image))
                    .as("%d hit twice (n=%d)", image, n)
                    .isFalse();
            seen.set((int) image);
        }
        assertThat(seen.cardinality()).isEqualTo((int) n);
    }

    @Property(tries = 200)
    void shardsAreDisjointCoverTheJobAndDifferByAtMostOne(
            @ForAll("sizes") long n,
            @ForAll @IntRange(min = 1, max = 40) int shards,
            @ForAll long seed,
            @ForAll boolean random) {
        BitSet seen = new BitSet((int) n);
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        TargetOrder whole = random ? TargetOrder.random(seed) : TargetOrder.sequential();
        for (int i = 1; i <= shards; i++) {
            TargetOrder order = whole.shard(i, shards);
            long size = 0;
            for (PrimitiveIterator.OfLong it = order.indices(n, true); it.hasNext(); ) {
                int index = (int) it.nextLong();
                assertThat(seen.get(index)).as("index %d in two shards", index).isFalse();
                seen.set(index);
                size++;
            }
            assertThat(order.shardSize(n))
                    .as("shardSize agrees with the iteration")
                    .isEqualTo(size);
            smallest = Math.min(smallest, size);
            largest = Math.max(largest, size);
        }
        assertThat(seen.cardinality()).as("union is the whole job").isEqualTo((int) n);
        assertThat(largest - smallest).as("balanced").isLessThanOrEqualTo(1);
    }

    @Property(tries = 50)
    void theSameSeedGivesTheSameOrderAndAnotherSeedAnother(
            @ForAll @LongRange(min = 50, max = 100_000) long n, @ForAll long seed) {
        assertThat(order(n, seed)).isEqualTo(order(n, seed));
        assertThat(order(n, seed)).isNotEqualTo(order(n, seed + 1));
        assertThat(order(n, seed)).as("not the written order").isNotEqualTo(order(n, null));
    }

    private static List<Long> order(long n, Long seed) {
        List<Long> out = new ArrayList<>();
        TargetOrder o = seed == null ? TargetOrder.sequential() : TargetOrder.random(seed);
        o.indices(n, true).forEachRemaining((long i) -> out.add(i));
        return out;
    }

    /** A /8 times one port: 16,777,216 indices, streamed; the only memory is the 2 MB of bits checking them. */
    @Example
    void sixteenMillionIndicesStreamWithoutAList() {
        long n = 1L << 24;
        BitSet seen = new BitSet((int) n);
        long count = 0;
        long firstFew = 0;
        PrimitiveIterator.OfLong it = TargetOrder.random(12345).indices(n, true);
        while (it.hasNext()) {
            long i = it.nextLong();
            if (count < 1000 && i == count) firstFew++;
            seen.set((int) i);
            count++;
        }
        assertThat(count).isEqualTo(n);
        assertThat(seen.cardinality()).isEqualTo((int) n);
        assertThat(firstFew).as("hardly any index stays in place").isLessThan(10);
    }

    @Example
    void badShardsAreRefused() {
        for (int[] bad : new int[][] {{0, 3}, {4, 3}, {1, 0}, {-1, 2}}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> TargetOrder.sequential().shard(bad[0], bad[1]))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
