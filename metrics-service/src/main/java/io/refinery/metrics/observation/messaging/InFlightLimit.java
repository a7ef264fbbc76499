package io.refinery.metrics.observation.messaging;

import java.util.ArrayDeque;
import java.util.Deque;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/** At most {@code max} operations at once: {@link #admit()} completes when a slot is free, {@link #release()} frees it. */
final class InFlightLimit {

    private final int max;
    private final Deque<UniEmitter<? super Void>> waiting = new ArrayDeque<>();
    private int running;

    InFlightLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one operation must be allowed in flight, got " + max);
        }
        this.max = max;
    }

    Uni<Void> admit() {
        return Uni.createFrom().emitter(emitter -> {
            boolean admitted;
            synchronized (this) {
                admitted = running < max;
                if (admitted) {
                    running++;
                } else {
                    waiting.add(emitter);
                }
            }
            if (admitted) {
                emitter.complete(null);
            }
        });
    }

    void release() {
        UniEmitter<? super Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.complete(null); // the slot passes straight to the next waiter
        }
    }

    synchronized int running() {
        return running;
    }
}
