package dev.segfold.deployment.compose;

import java.util.Optional;

/**
 * An image reference ({@code registry/repository:tag@digest}) split into its parts, to tell a
 * pinned image from a floating one.
 *
 * @param repository everything before the tag (registry and path)
 * @param tag        the tag, if given
 * @param digest     the digest, if given
 */
public record ImageReference(String repository, Optional<String> tag, Optional<String> digest) {

    /** Splits {@code reference}; the tag is what follows the last ':' after the last '/'. */
    public static ImageReference parse(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("image reference is missing");
        }
        String rest = reference.strip();
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            return new ImageReference(rest.substring(0, colon), Optional.of(rest.substring(colon + 1)), digest);
        }
        return new ImageReference(rest, Optional.empty(), digest);
    }

    /**
     * Whether the reference names one release: a digest, or a tag that is neither missing
     * (Compose would pull {@code latest}) nor {@code latest} nor a Compose variable.
     */
    public boolean pinned() {
        if (digest.isPresent()) {
            return true;
        }
        return tag.filter(t -> !t.isBlank() && !t.equals("latest") && !t.contains("$")).isPresent();
    }
}
