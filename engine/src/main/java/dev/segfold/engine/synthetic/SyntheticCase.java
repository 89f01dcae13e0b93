package dev.segfold.engine.synthetic;

import dev.segfold.engine.image.Volume;

/**
 * One generated case in memory, before it is written.
 *
 * @param caseId the case identifier, e.g. {@code synthetic_007}
 * @param channels the image channels (z, y, x)
 * @param labels the label map: 0 background, 1..K the parts of the body
 */
public record SyntheticCase(String caseId, Volume[] channels, Volume labels) {}
