package io.refinery.metrics.observation.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.refinery.metrics.observation.domain.IngestionControl;

/**
 * Makes this replica's observations consumer follow the shared pause switch: once a second it reads the desired
 * state and pauses or resumes the consumer (a batch already in flight still completes and commits).
 */
@ApplicationScoped
public class ObservationsPauseFollower {

    private static final Logger LOG = Logger.getLogger(ObservationsPauseFollower.class);

    private final IngestionControl control;
    private final ObservationsKafkaLoop consumer;
    private boolean paused;

    public ObservationsPauseFollower(IngestionControl control, ObservationsKafkaLoop consumer) {
        this.control = control;
        this.consumer = consumer;
    }

    /** Whether this replica's consumer is paused right now. */
    public boolean pausedHere() {
        return consumer.pausedHere();
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void follow() {
        try {
            boolean wanted = control.read(IngestionControl.OBSERVATIONS).paused();
            if (wanted != paused) {
                consumer.pause(wanted);
                paused = wanted;
                LOG.infof("ingestion from Kafka %s (observations)", wanted ? "paused" : "resumed");
            }
        } catch (RuntimeException e) {
            LOG.warnf("cannot read the ingestion switch, keeping the current state: %s", e.toString());
        }
    }
}
