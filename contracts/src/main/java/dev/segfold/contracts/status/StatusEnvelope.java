package dev.segfold.contracts.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.contracts.events.EventType;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.topics.Service;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * A status event on {@code segfold.status} in the CloudEvents 1.0 Kafka binding, structured mode
 * (the one choice, DESIGN.md §3): the Kafka value is this JSON, with header
 * {@code content-type: application/cloudevents+json} and the Kafka key equal to {@code subject}.
 * Structured mode keeps the whole event in the value, so {@code kcat} shows it in full.
 *
 * @param specversion     always {@code 1.0}
 * @param id              unique per event; a retry of the same publication keeps it
 * @param source          the publishing service, e.g. {@code /segfold/trainer-service}
 * @param type            {@link EventType#ceType()}, e.g. {@code dev.segfold.fold.progress}
 * @param subject         {@code runId} or {@code runId/stage/fold}
 * @param time            when it happened
 * @param datacontenttype always {@code application/json}
 * @param data            the event record's JSON
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatusEnvelope(String specversion, String id, URI source, String type, String subject, Instant time,
                             String datacontenttype, JsonNode data) {

    /** The CloudEvents version. */
    public static final String SPEC_VERSION = "1.0";
    /** The Kafka {@code content-type} header of structured mode. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** Requires the attributes CloudEvents requires and a known Segfold type. */
    public StatusEnvelope {
        if (!SPEC_VERSION.equals(specversion)) {
            throw new IllegalArgumentException("StatusEnvelope.specversion " + specversion + " is not " + SPEC_VERSION);
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("StatusEnvelope.id is missing");
        }
        if (source == null) {
            throw new IllegalArgumentException("StatusEnvelope.source is missing");
        }
        if (type == null || EventType.fromCeType(type).isEmpty()) {
            throw new IllegalArgumentException("StatusEnvelope.type " + type + " is not a Segfold event type");
        }
        if (data == null || data.isNull()) {
            throw new IllegalArgumentException("StatusEnvelope.data is missing");
        }
    }

    /** Wraps {@code event} as published by {@code service}, with a fresh id. */
    public static StatusEnvelope of(SegfoldEvent event, Service service) {
        return new StatusEnvelope(SPEC_VERSION, UUID.randomUUID().toString(), sourceOf(service),
                event.type().ceType(), event.subject(), event.time(), "application/json",
                ContractJson.mapper().valueToTree(event));
    }

    /** The CloudEvents source of {@code service}. */
    public static URI sourceOf(Service service) {
        return URI.create("/segfold/" + service.id());
    }

    /** The event type. */
    public EventType eventType() {
        return EventType.fromCeType(type).orElseThrow();
    }

    /** The event record in {@code data}. */
    public SegfoldEvent event() {
        try {
            return ContractJson.mapper().treeToValue(data, eventType().eventClass());
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("StatusEnvelope " + id + ": data is not a valid " + type
                    + ": " + e.getMessage(), e);
        }
    }
}
