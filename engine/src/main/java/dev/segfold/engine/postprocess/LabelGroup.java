package dev.segfold.engine.postprocess;

import java.util.List;

/**
 * One entry of postprocessing's {@code for_which_classes}: a single class (written as a number),
 * or classes treated as one joint foreground region (written as a list, e.g. {@code [1, 2]}; for a
 * one-class data set nnU-Net's joint step writes {@code [1]}).
 *
 * @param labels the classes, none of them background (0)
 * @param joint whether this is a joint region (a list in JSON)
 */
public record LabelGroup(List<Integer> labels, boolean joint) {
    public LabelGroup {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("a label group needs at least one class");
        }
        if (!joint && labels.size() != 1) {
            throw new IllegalArgumentException("a single-class group has one class, got " + labels);
        }
        for (int l : labels) {
            if (l <= 0) {
                throw new IllegalArgumentException("cannot postprocess background or negative label " + l);
            }
        }
        labels = List.copyOf(labels);
    }

    /** A single class. */
    public static LabelGroup of(int label) {
        return new LabelGroup(List.of(label), false);
    }

    /** A joint region of the given classes. */
    public static LabelGroup joint(List<Integer> labels) {
        return new LabelGroup(labels, true);
    }

    public boolean contains(float label) {
        for (int l : labels) {
            if (label == l) {
                return true;
            }
        }
        return false;
    }

    /** The JSON value: the class number, or the list of classes for a joint region. */
    public Object toJsonValue() {
        return joint ? labels : labels.get(0);
    }

    @Override
    public String toString() {
        return joint ? labels.toString() : labels.get(0).toString();
    }
}
