package io.refinery.metrics.drift.sampling;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A bounded uniform sample of a stream of values: of every value offered with its priority (a hash of the sample it
 * came from, see {@link SampleHash}), it keeps the {@code capacity} with the smallest priorities (a bottom-k sketch).
 * Because priorities behave as independent uniform draws, the kept values are a uniform random sample without
 * replacement of all values offered, and any prefix of them (in priority order) is one too.
 *
 * <p>Unlike Algorithm R, whose choice depends on arrival order, the content depends only on the set of
 * (priority, value) pairs offered: two batches merged in either order give the same sample, and offering a pair
 * already kept changes nothing. Only {@link #seen()} counts every offer, repeats included.
 *
 * <p>Not thread-safe. Stored as {@link #encode() bytes}: {@code size} pairs of a big-endian long priority and a double
 * value, priorities strictly increasing.
 */
public final class BottomKSample {

    private static final int PAIR_BYTES = 16;

    private final int capacity;
    private long[] priorities;
    private double[] values;
    private int size;
    private long seen;

    private BottomKSample(int capacity, long[] priorities, double[] values, int size, long seen) {
        this.capacity = capacity;
        this.priorities = priorities;
        this.values = values;
        this.size = size;
        this.seen = seen;
    }

    /** An empty sample keeping at most {@code capacity} values. */
    public static BottomKSample empty(int capacity) {
        requireCapacity(capacity);
        return new BottomKSample(capacity, new long[0], new double[0], 0, 0);
    }

    /**
     * The sample stored as {@code bytes} (from {@link #encode()}) after {@code seen} offers. A stored sample larger
     * than {@code capacity} (the capacity was lowered) keeps its {@code capacity} smallest priorities.
     *
     * @throws IllegalArgumentException if the bytes are not a sequence of pairs in strictly increasing priority order
     */
    public static BottomKSample decode(int capacity, long seen, byte[] bytes) {
        requireCapacity(capacity);
        if (bytes.length % PAIR_BYTES != 0) {
            throw new IllegalArgumentException("encoded sample must hold whole (priority, value) pairs, had "
                    + bytes.length + " bytes");
        }
        int size = Math.min(capacity, bytes.length / PAIR_BYTES);
        long[] priorities = new long[size];
        double[] values = new double[size];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        for (int i = 0; i < size; i++) {
            priorities[i] = buffer.getLong();
            values[i] = buffer.getDouble();
            if (i > 0 && priorities[i] <= priorities[i - 1]) {
                throw new IllegalArgumentException("encoded priorities must increase strictly");
            }
        }
        return new BottomKSample(capacity, priorities, values, size, Math.max(seen, size));
    }

    /**
     * Offers {@code count} values with their priorities (the first {@code count} entries of both arrays, which are not
     * modified); returns whether the kept sample changed.
     */
    public boolean offerAll(long[] newPriorities, double[] newValues, int count) {
        if (count < 0 || count > newPriorities.length || count > newValues.length) {
            throw new IllegalArgumentException("count must be within both arrays, was " + count);
        }
        seen += count;
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(newPriorities[a], newPriorities[b]));
        int limit = Math.min(capacity, size + count);
        long[] mergedPriorities = new long[limit];
        double[] mergedValues = new double[limit];
        int kept = 0;
        int i = 0;
        int j = 0;
        boolean changed = false;
        while (kept < limit && (i < size || j < count)) {
            long next = j < count ? newPriorities[order[j]] : Long.MAX_VALUE;
            if (i < size && priorities[i] <= next) {
                if (priorities[i] == next) {
                    j++; // the same pair again: keep the stored one
                }
                mergedPriorities[kept] = priorities[i];
                mergedValues[kept++] = values[i++];
            } else {
                if (kept == 0 || mergedPriorities[kept - 1] != next) {
                    mergedPriorities[kept] = next;
                    mergedValues[kept++] = newValues[order[j]];
                    changed = true;
                }
                j++;
            }
        }
        priorities = Arrays.copyOf(mergedPriorities, kept);
        values = Arrays.copyOf(mergedValues, kept);
        size = kept;
        return changed;
    }

    /** The stored form: {@link #size()} pairs of priority and value, priorities increasing. */
    public byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(size * PAIR_BYTES);
        for (int i = 0; i < size; i++) {
            buffer.putLong(priorities[i]).putDouble(values[i]);
        }
        return buffer.array();
    }

    /** The kept values, smallest priority first. */
    public double[] values() {
        return Arrays.copyOf(values, size);
    }

    /** The kept priorities, increasing. */
    public long[] priorities() {
        return Arrays.copyOf(priorities, size);
    }

    /** The {@code count} kept values with the smallest priorities: itself a uniform sample of everything seen. */
    public double[] firstValues(int count) {
        return Arrays.copyOf(values, Math.min(Math.max(count, 0), size));
    }

    /** How many values are kept: {@code min(capacity, distinct values offered)}. */
    public int size() {
        return size;
    }

    /** How many values were offered in all. */
    public long seen() {
        return seen;
    }

    public int capacity() {
        return capacity;
    }

    private static void requireCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
    }
}
