package io.refinery.platform.events;

import java.util.UUID;

/**
 * An event of refinery.metrics.alerts: an alert of metrics-service {@link AlertFired fired} or
 * {@link AlertResolved resolved}. {@link AlertEvents} reads either.
 */
public sealed interface AlertEvent extends AboutSystem permits AlertFired, AlertResolved {

    String TOPIC = "refinery.metrics.alerts";

    UUID alertId();

    String metric();

    /** The segment the alert watches, or null when it watches all of the metric. */
    String segment();

    String severity();
}
