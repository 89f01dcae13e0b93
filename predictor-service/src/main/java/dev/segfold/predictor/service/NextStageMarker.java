package dev.segfold.predictor.service;

import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.RunLayout;
import java.time.Instant;
import java.util.List;

/**
 * {@code <run>/3d_lowres/next_stage/fold<k>.json}, written after the fold's case maps: its
 * presence means first-stage fold {@code k} predicted the next stage, with the checkpoint whose
 * manifest digest it names, so a replayed evaluation of that checkpoint does nothing.
 *
 * @param fold           the first-stage fold
 * @param manifestKey    key of the checkpoint's {@code checkpoint.json}
 * @param manifestDigest SHA-256 of that manifest as stored
 * @param caseIds        the validation cases whose maps were written
 * @param time           when
 */
public record NextStageMarker(int fold, String manifestKey, String manifestDigest, List<String> caseIds,
                              Instant time) {

    public NextStageMarker {
        caseIds = List.copyOf(caseIds);
    }

    /** The marker's key of {@code fold} of {@code configuration} (the cascade's first stage). */
    public static String key(String runId, String configuration, int fold) {
        return RunLayout.of(runId).nextStage(configuration, "fold" + fold, ".json");
    }

    public byte[] toJson() {
        return ContractJson.write(this);
    }

    public static NextStageMarker fromJson(byte[] json) {
        return ContractJson.read(json, NextStageMarker.class);
    }
}
