package io.refinery.metrics.ingestion.domain;

import java.util.Arrays;

/**
 * What one batch already knows about a run of ASCII bytes (a system key, a metric, a set of dimensions): looked up by
 * the bytes themselves, so a value seen before costs a hash of its bytes and one comparison, and no String is made
 * for it again. Open addressing, grown by doubling, bounded: past {@link #LIMIT} entries nothing more is kept, and
 * a batch of all-distinct values costs what it did without the table. One per batch, used by one thread.
 */
public final class AsciiTable<V> {

    static final int LIMIT = 4096;

    private byte[][] keys = new byte[64][];
    private int[] hashes = new int[64];
    private Object[] values = new Object[64];
    private int size;

    /** The value kept for {@code b[from, from + length)}, or null. */
    @SuppressWarnings("unchecked")
    public V get(byte[] b, int from, int length) {
        int hash = hash(b, from, length);
        int mask = keys.length - 1;
        for (int i = hash & mask;; i = (i + 1) & mask) {
            byte[] key = keys[i];
            if (key == null) {
                return null;
            }
            if (hashes[i] == hash && key.length == length && Arrays.equals(key, 0, length, b, from, from + length)) {
                return (V) values[i];
            }
        }
    }

    /** Keeps {@code value} for those bytes (the caller looked them up first and found nothing). */
    public void put(byte[] b, int from, int length, V value) {
        if (size >= LIMIT) {
            return;
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        insert(Arrays.copyOfRange(b, from, from + length), hash(b, from, length), value);
        size++;
    }

    private void insert(byte[] key, int hash, Object value) {
        int mask = keys.length - 1;
        int i = hash & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        hashes[i] = hash;
        values[i] = value;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        int[] oldHashes = hashes;
        Object[] oldValues = values;
        keys = new byte[oldKeys.length * 2][];
        hashes = new int[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldHashes[i], oldValues[i]);
            }
        }
    }

    private static int hash(byte[] b, int from, int length) {
        int h = length;
        for (int i = from; i < from + length; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16);
    }
}
