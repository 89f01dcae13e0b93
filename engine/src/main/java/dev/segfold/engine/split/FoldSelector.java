package dev.segfold.engine.split;

/**
 * Which fold a run trains: a numbered fold of the split, or nnU-Net's fold "all". Parsed from the
 * same strings nnU-Net's command line takes ({@code "0"}..{@code "4"}, {@code "all"}).
 */
public sealed interface FoldSelector {
    /** A numbered fold; checked against the split's fold count when selected. */
    record Index(int fold) implements FoldSelector {
        public Index {
            if (fold < 0) {
                throw new IllegalArgumentException("fold index must be >= 0, got " + fold);
            }
        }

        @Override
        public String toString() {
            return Integer.toString(fold);
        }
    }

    /** Fold "all": train and validate on every case. */
    record All() implements FoldSelector {
        @Override
        public String toString() {
            return "all";
        }
    }

    static FoldSelector of(int fold) {
        return new Index(fold);
    }

    static FoldSelector all() {
        return new All();
    }

    /** Parses {@code "all"} or a non-negative integer. */
    static FoldSelector parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("all")) {
            return all();
        }
        try {
            return of(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fold must be a non-negative integer or \"all\", got \"" + text + "\"");
        }
    }
}
