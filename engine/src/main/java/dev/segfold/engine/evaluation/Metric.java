package dev.segfold.engine.evaluation;

/**
 * The metrics of nnU-Net v1's default evaluation set ({@code Evaluator.default_metrics}), with
 * their names as keys in summary.json and nnU-Net's rules for degenerate masks (NaN when the
 * denominator's mask does not exist, e.g. Dice when both masks are empty).
 */
public enum Metric {
    ACCURACY("Accuracy", false) {
        @Override
        public double compute(ConfusionMatrix m) {
            return (double) (m.tp() + m.tn()) / m.size();
        }
    },
    DICE("Dice", false) {
        @Override
        public double compute(ConfusionMatrix m) {
            if (m.testEmpty() && m.referenceEmpty()) {
                return Double.NaN;
            }
            return 2.0 * m.tp() / (2 * m.tp() + m.fp() + m.fn());
        }
    },
    FALSE_DISCOVERY_RATE("False Discovery Rate", false) {
        @Override
        public double compute(ConfusionMatrix m) {
            return 1 - PRECISION.compute(m);
        }
    },
    FALSE_NEGATIVE_RATE("False Negative Rate", false) {
        @Override
        public double compute(ConfusionMatrix m) {
            return 1 - RECALL.compute(m);
        }
    },
    FALSE_OMISSION_RATE("False Omission Rate", false) {
        @Override
        public double compute(ConfusionMatrix m) {
            if (m.testFull()) {
                return Double.NaN;
            }
            return (double) m.fn() / (m.fn() + m.tn());
        }
    },
    FALSE_POSITIVE_RATE("False Positive Rate", false) {
        @Override
        public double compute(ConfusionMatrix m) {
            return 1 - TRUE_NEGATIVE_RATE.compute(m);
        }
    },
    JACCARD("Jaccard", false) {
        @Override
        public double compute(ConfusionMatrix m) {
            if (m.testEmpty() && m.referenceEmpty()) {
                return Double.NaN;
            }
            return (double) m.tp() / (m.tp() + m.fp() + m.fn());
        }
    },
    NEGATIVE_PREDICTIVE_VALUE("Negative Predictive Value", false) {
        @Override
        public double compute(ConfusionMatrix m) {
            return 1 - FALSE_OMISSION_RATE.compute(m);
        }
    },
    PRECISION("Precision", false) {
        @Override
        public double compute(ConfusionMatrix m) {
            if (m.testEmpty()) {
                return Double.NaN;
            }
            return (double) m.tp() / (m.tp() + m.fp());
        }
    },
    RECALL("Recall", false) {
        @Override
        public double compute(ConfusionMatrix m) {
            if (m.referenceEmpty()) {
                return Double.NaN;
            }
            return (double) m.tp() / (m.tp() + m.fn());
        }
    },
    TOTAL_POSITIVES_REFERENCE("Total Positives Reference", true) {
        @Override
        public double compute(ConfusionMatrix m) {
            return m.tp() + m.fn();
        }
    },
    TOTAL_POSITIVES_TEST("Total Positives Test", true) {
        @Override
        public double compute(ConfusionMatrix m) {
            return m.tp() + m.fp();
        }
    },
    TRUE_NEGATIVE_RATE("True Negative Rate", false) {
        @Override
        public double compute(ConfusionMatrix m) {
            if (m.referenceFull()) {
                return Double.NaN;
            }
            return (double) m.tn() / (m.tn() + m.fp());
        }
    };

    private final String key;
    private final boolean count;

    Metric(String key, boolean count) {
        this.key = key;
        this.count = count;
    }

    /** The metric's value; NaN where nnU-Net returns NaN ({@code nan_for_nonexisting=True}). */
    public abstract double compute(ConfusionMatrix m);

    /** The name used as key in summary.json, e.g. "Dice". */
    public String key() {
        return key;
    }

    /** True for voxel counts, which nnU-Net writes per case as integers. */
    public boolean isCount() {
        return count;
    }

    /** The metric named {@code key} in summary.json. */
    public static Metric ofKey(String key) {
        for (Metric m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric \"" + key + "\"");
    }
}
