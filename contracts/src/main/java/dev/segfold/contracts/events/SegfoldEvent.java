package dev.segfold.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * Every event a Segfold service publishes. The JSON carries its type as {@code "eventType"},
 * the same name as the CloudEvents {@code type} of {@link EventType}, so one topic can carry
 * several event types and a reader needs no header to tell them apart.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = SegfoldEvent.TYPE_PROPERTY)
@JsonSubTypes({
    @JsonSubTypes.Type(value = RunRequested.class, name = RunRequested.TYPE),
    @JsonSubTypes.Type(value = RunAccepted.class, name = RunAccepted.TYPE),
    @JsonSubTypes.Type(value = RunFailed.class, name = RunFailed.TYPE),
    @JsonSubTypes.Type(value = FoldTrainingRequested.class, name = FoldTrainingRequested.TYPE),
    @JsonSubTypes.Type(value = FoldPreprocessed.class, name = FoldPreprocessed.TYPE),
    @JsonSubTypes.Type(value = FoldProgress.class, name = FoldProgress.TYPE),
    @JsonSubTypes.Type(value = FoldCheckpointed.class, name = FoldCheckpointed.TYPE),
    @JsonSubTypes.Type(value = FoldEvaluated.class, name = FoldEvaluated.TYPE),
    @JsonSubTypes.Type(value = NextStagePredicted.class, name = NextStagePredicted.TYPE),
    @JsonSubTypes.Type(value = FoldFailed.class, name = FoldFailed.TYPE),
    @JsonSubTypes.Type(value = EnsemblePredicted.class, name = EnsemblePredicted.TYPE),
    @JsonSubTypes.Type(value = SubmissionReady.class, name = SubmissionReady.TYPE),
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface SegfoldEvent permits RunEvent, FoldEvent {

    /** The JSON property that names the event type. */
    String TYPE_PROPERTY = "eventType";

    /** The event's type. */
    EventType type();

    /** The run it belongs to. */
    String runId();

    /** The Kafka key: {@code runId} or {@code runId/stage/fold}. */
    String key();

    /** When it happened. */
    Instant time();

    /** The CloudEvents subject: the key. */
    default String subject() {
        return key();
    }
}
