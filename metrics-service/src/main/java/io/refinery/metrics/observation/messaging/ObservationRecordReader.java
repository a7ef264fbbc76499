package io.refinery.metrics.observation.messaging;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.metrics.observation.domain.Observation;
import io.refinery.metrics.observation.domain.ObservationBytesReader;
import io.refinery.metrics.observation.domain.ObservationReader;
import io.refinery.metrics.ingestion.domain.Vocabulary;
import io.refinery.platform.outbox.CloudEvent;

/**
 * Reads one record of refinery.metrics.observations: a plain observation item (streamed, the common case) or a
 * CloudEvent whose {@code data} is one (read as a tree, the rare case). Never throws: a record that cannot be
 * read is refused with a reason, for the dead-letter topic.
 */
final class ObservationRecordReader {

    private final ObjectMapper mapper;
    private final JsonFactory json;

    ObservationRecordReader(ObjectMapper mapper) {
        this.mapper = mapper;
        this.json = mapper.getFactory();
    }

    /**
     * The record's item: the value itself, or the {@code data} of a CloudEvent that carries one. {@code words} is
     * shared by the records of one batch.
     */
    ObservationReader.Parsed read(byte[] value, Instant now, Vocabulary words) {
        return read(value, now, words, new ObservationBytesReader(now, words));
    }

    /**
     * As {@link #read(byte[], Instant, Vocabulary)}, first through {@code fast}, the batch's reader of plain valid
     * items (shared by the records of one batch with {@code words}); whatever it does not take is read here.
     */
    ObservationReader.Parsed read(byte[] value, Instant now, Vocabulary words, ObservationBytesReader fast) {
        Observation plain = fast.readRecord(value);
        if (plain != null) {
            return new ObservationReader.Parsed(plain, List.of());
        }
        if (value == null || value.length == 0) {
            return ObservationReader.Parsed.refused("item", "must be a JSON object");
        }
        try (JsonParser parser = json.createParser(value)) {
            parser.nextToken();
            ObservationReader.Parsed item = ObservationReader.read(parser, now, words);
            if (parser.nextToken() != null) {
                return ObservationReader.Parsed.refused("item", "must be one JSON object and nothing after it");
            }
            if (!item.ok() && isCloudEvent(value)) {
                return fromCloudEvent(value, now);
            }
            return item;
        } catch (IOException e) {
            return ObservationReader.Parsed.refused("item", malformed(e));
        }
    }

    /** CloudEvents are the rare form here: read the envelope as a tree and its data as an item. */
    private boolean isCloudEvent(byte[] value) {
        try {
            JsonNode node = mapper.readTree(value);
            return node != null && node.has("specversion") && node.has("data");
        } catch (IOException e) {
            return false;
        }
    }

    private ObservationReader.Parsed fromCloudEvent(byte[] value, Instant now) {
        try (JsonParser parser = mapper.readTree(value).get("data").traverse(mapper)) {
            parser.nextToken();
            return ObservationReader.read(parser, now);
        } catch (IOException e) {
            return ObservationReader.Parsed.refused("item", malformed(e));
        }
    }

    private static String malformed(IOException e) {
        if (e instanceof JsonProcessingException json && json.getLocation() != null) {
            return "must be a JSON object (malformed JSON at line " + json.getLocation().getLineNr() + ", column "
                    + json.getLocation().getColumnNr() + ")";
        }
        return "must be a JSON object (unreadable: " + e.getClass().getSimpleName() + ")";
    }

}
