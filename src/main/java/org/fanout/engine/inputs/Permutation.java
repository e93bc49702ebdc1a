package org.fanout.engine.inputs;

/**
 * A keyed bijection on {@code [0, n)}: where each index goes is computed on demand, in O(1)
 * time and memory, so a permuted scan of millions of targets never holds a list of them.
 *
 * <p>A balanced Feistel network permutes the smallest power-of-two domain of an even number of
 * bits that holds {@code n}; an image that lands at or past {@code n} is permuted again
 * (cycle-walking) until it falls inside. The domain is under {@code 4n}, so that takes under four
 * steps on average. Scrambling, not cryptography: it spreads load, it keeps no secret.
 */
public final class Permutation {
    private static final int ROUNDS = 6;

    private final long size;
    private final int halfBits;
    private final long halfMask;
    private final long[] roundKeys;

    private Permutation(long size, long seed) {
        if (size < 0) throw new IllegalArgumentException("size must be >= 0, got " + size);
        this.size = size;
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(Math.max(0, size - 1)));
        bits += bits & 1;
        this.halfBits = bits / 2;
        this.halfMask = (1L << halfBits) - 1;
        this.roundKeys = new long[ROUNDS];
        long state = seed;
        for (int r = 0; r < ROUNDS; r++) {
            state += 0x9E37_79B9_7F4A_7C15L;
            roundKeys[r] = mix(state);
        }
    }

    /** The permutation of {@code [0, size)} that the seed picks. */
    public static Permutation of(long size, long seed) {
        return new Permutation(size, seed);
    }

    public long size() {
        return size;
    }

    /** Where {@code index} goes: a distinct value in {@code [0, size)} for each index there. */
    public long apply(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " outside [0, " + size + ")");
        }
        long x = index;
        do {
            x = feistel(x);
        } while (x >= size);
        return x;
    }

    private long feistel(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (long key : roundKeys) {
            long next = left ^ (mix(right ^ key) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    /** SplitMix64's finaliser: every input bit flips about half the output bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
