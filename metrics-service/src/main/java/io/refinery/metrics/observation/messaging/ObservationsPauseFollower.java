package io.refinery.metrics.observation.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.refinery.metrics.observation.domain.IngestionControl;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;

/**
 * Makes this replica's observations consumer follow the shared pause switch: once a second it reads the desired
 * state and pauses or resumes the channel (a batch already in flight still completes and commits).
 */
@ApplicationScoped
public class ObservationsPauseFollower {

    private static final Logger LOG = Logger.getLogger(ObservationsPauseFollower.class);

    private final IngestionControl control;
    private final ChannelRegistry channels;

    public ObservationsPauseFollower(IngestionControl control, ChannelRegistry channels) {
        this.control = control;
        this.channels = channels;
    }

    /** Whether this replica's consumer is paused right now. */
    public boolean pausedHere() {
        PausableChannel channel = channels.getPausable(IngestionControl.OBSERVATIONS);
        return channel != null && channel.isPaused();
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void follow() {
        PausableChannel channel = channels.getPausable(IngestionControl.OBSERVATIONS);
        if (channel == null) {
            return;
        }
        try {
            boolean paused = control.read(IngestionControl.OBSERVATIONS).paused();
            if (paused && !channel.isPaused()) {
                channel.pause();
                LOG.infof("ingestion from Kafka paused (observations)");
            } else if (!paused && channel.isPaused()) {
                channel.resume();
                LOG.infof("ingestion from Kafka resumed (observations)");
            }
        } catch (RuntimeException e) {
            LOG.warnf("cannot read the ingestion switch, keeping the current state: %s", e.toString());
        }
    }
}
