package io.refinery.experiments.ingestion.domain;

import java.time.Duration;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/** Retries a whole transaction that PostgreSQL aborted for a deadlock or a serialization failure. */
final class Retries {

    private Retries() {
    }

    static <T> Uni<T> onConflict(Supplier<Uni<? extends T>> transaction) {
        return Uni.createFrom().<T> deferred(transaction)
                .onFailure(Retries::isConflict).retry().withBackOff(Duration.ofMillis(20), Duration.ofMillis(500)).atMost(5);
    }

    static boolean isConflict(Throwable e) {
        return e instanceof PgException pg && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
    }
}
