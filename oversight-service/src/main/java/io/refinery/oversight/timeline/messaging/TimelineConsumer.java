package io.refinery.oversight.timeline.messaging;

import java.time.Instant;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.timeline.domain.TimelineRecorder;
import io.refinery.platform.events.AboutSystem;
import io.refinery.platform.events.AlertEvents;
import io.refinery.platform.events.DriftEvents;
import io.refinery.platform.events.InsightEvents;
import io.refinery.platform.events.LifecycleEvents;
import io.refinery.platform.events.ReceivedEvent;
import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.PoisonMessageException;
import io.smallrye.mutiny.Uni;

/**
 * Hears what the other services publish about AI systems (alerts and drift from metrics-service, experiment and
 * rollout lifecycle from experiment-service, insights from feedback-service), each topic on a channel and consumer
 * group of its own, each read through its topic's shared contract ({@code io.refinery.platform.events}), and keeps it
 * for the timeline and the learnings report. Redelivered events are stored once;
 * unreadable records go to the topic's DLQ; a database outage is retried until it ends ({@link ConsumerPolicy}).
 */
@ApplicationScoped
public class TimelineConsumer {

    private final ObjectMapper mapper;
    private final TimelineRecorder recorder;
    private final ConsumerPolicy policy;

    public TimelineConsumer(ObjectMapper mapper, TimelineRecorder recorder, ConsumerPolicy policy) {
        this.mapper = mapper;
        this.recorder = recorder;
        this.policy = policy;
    }

    @Incoming("timeline-alerts")
    public Uni<Void> alerts(ConsumerRecord<String, byte[]> record) {
        return policy.handle("timeline-alerts", record, v -> read(v, AlertEvents::read), recorder::record);
    }

    @Incoming("timeline-drift")
    public Uni<Void> drift(ConsumerRecord<String, byte[]> record) {
        return policy.handle("timeline-drift", record, v -> read(v, DriftEvents::read), recorder::record);
    }

    @Incoming("timeline-experiments")
    public Uni<Void> experiments(ConsumerRecord<String, byte[]> record) {
        return policy.handle("timeline-experiments", record, v -> read(v, LifecycleEvents::read), recorder::record);
    }

    @Incoming("timeline-feedback")
    public Uni<Void> feedback(ConsumerRecord<String, byte[]> record) {
        return policy.handle("timeline-feedback", record, v -> read(v, InsightEvents::read), recorder::record);
    }

    /** A topic's reader of its shared contract. */
    interface ContractReader {
        ReceivedEvent<?> read(ObjectMapper mapper, JsonNode envelope);
    }

    /**
     * The event through its topic's contract, kept with its data as published. A type the contract does not know yet
     * is kept too, under its envelope's subject (it reads as its type until someone writes its summary); without a
     * subject it names no system and is passed over.
     */
    TimelineRecorder.Heard read(byte[] value, ContractReader contract) {
        JsonNode envelope = EventFields.envelope(mapper, value);
        ReceivedEvent<?> typed = contract.read(mapper, envelope);
        ReceivedEvent<?> event = typed != null ? typed : ReceivedEvent.of(envelope, null);
        String systemKey = event.subject() != null ? event.subject()
                : event.data() instanceof AboutSystem about ? about.systemKey() : null;
        if (systemKey == null) {
            if (typed == null) {
                return null;
            }
            throw new PoisonMessageException("the event names no AI system (subject or data.systemKey)");
        }
        return new TimelineRecorder.Heard(event.id().toString(), systemKey, event.timeOr(Instant.now()),
                Objects.requireNonNullElse(event.source(), "unknown"), event.type(), event.data(), envelope.path("data"));
    }
}
