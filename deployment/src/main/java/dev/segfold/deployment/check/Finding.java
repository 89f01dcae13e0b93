package dev.segfold.deployment.check;

/**
 * One thing wrong with the deployment.
 *
 * @param subject the Compose service or file it concerns
 * @param key     the field, variable or property
 * @param problem what is wrong and, where it helps, what is expected
 */
public record Finding(String subject, String key, String problem) {

    @Override
    public String toString() {
        return subject + ": " + key + ": " + problem;
    }
}
