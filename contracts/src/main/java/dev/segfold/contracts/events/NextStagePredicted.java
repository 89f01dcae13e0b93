package dev.segfold.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A first-stage fold predicted its validation cases at low resolution for the next cascade stage;
 * published on {@code segfold.predictions}.
 *
 * @param fold              the first-stage fold that predicted
 * @param predictionsPrefix {@code <run>/<configuration>/next_stage/}
 * @param caseIds           the cases it wrote
 * @param time              when
 */
public record NextStagePredicted(FoldId fold, String predictionsPrefix, List<String> caseIds,
                                 Instant time) implements FoldEvent {

    /** The CloudEvents type. */
    public static final String TYPE = "dev.segfold.fold.next-stage-predicted";

    /** Validates the fold, prefix and case ids. */
    public NextStagePredicted {
        Require.present("NextStagePredicted", "fold", fold);
        Require.key("NextStagePredicted", "predictionsPrefix", predictionsPrefix);
        caseIds = Require.segments("NextStagePredicted", "caseIds", caseIds);
        Require.present("NextStagePredicted", "time", time);
    }

    @Override
    public EventType type() {
        return EventType.NEXT_STAGE_PREDICTED;
    }
}
