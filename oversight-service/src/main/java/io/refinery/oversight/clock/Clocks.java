package io.refinery.oversight.clock;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkus.arc.DefaultBean;

/**
 * The clock behind due times, SLA escalation and audit timestamps. Tests replace it with a bean of their own
 * (any {@code Clock} bean wins over this default), so an SLA can expire without waiting.
 */
public class Clocks {

    @Produces
    @ApplicationScoped
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
