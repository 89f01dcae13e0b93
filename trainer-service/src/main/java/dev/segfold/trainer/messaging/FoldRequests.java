package dev.segfold.trainer.messaging;

import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.topics.Topics;
import java.nio.charset.StandardCharsets;

/** Reads a record of {@code segfold.fold-requests}; anything else than a valid request is poison. */
public final class FoldRequests {
    private FoldRequests() {
    }

    /**
     * The request in a record's value.
     *
     * @throws IllegalArgumentException naming the reason: empty, not JSON, another event type, or a
     *                                  field that fails validation
     */
    public static FoldTrainingRequested parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("record on " + Topics.FOLD_REQUESTS + " has no value");
        }
        SegfoldEvent event = ContractJson.readEvent(value.getBytes(StandardCharsets.UTF_8));
        if (event instanceof FoldTrainingRequested request) {
            return request;
        }
        throw new IllegalArgumentException("record on " + Topics.FOLD_REQUESTS + " is a " + event.type().ceType()
                + ", not a " + FoldTrainingRequested.TYPE);
    }
}
