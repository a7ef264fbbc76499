package io.refinery.platform.outbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which events of a relay batch may be stamped as published when the broker acknowledged only some of them: an
 * acknowledged event, unless an earlier event of the same key in the batch was not acknowledged (it will be sent
 * again, and stamping the later one would let the key's events be recorded out of order).
 */
final class AckedPrefix {

    private AckedPrefix() {
    }

    /**
     * @param keys record keys in {@code seq} order
     * @param acks per event, the acknowledgement (any non-null value) or null when the broker did not acknowledge it
     * @return the indexes to stamp, ascending
     */
    static List<Integer> stampable(List<String> keys, List<?> acks) {
        if (keys.size() != acks.size()) {
            throw new IllegalArgumentException("one acknowledgement per key expected: " + keys.size() + " keys, "
                    + acks.size() + " acknowledgements");
        }
        Set<String> blocked = new HashSet<>();
        List<Integer> stampable = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = Objects.requireNonNull(keys.get(i), "record key");
            if (acks.get(i) == null) {
                blocked.add(key);
            } else if (!blocked.contains(key)) {
                stampable.add(i);
            }
        }
        return stampable;
    }
}
