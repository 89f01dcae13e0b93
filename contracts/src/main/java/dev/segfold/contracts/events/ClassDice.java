package dev.segfold.contracts.events;

/**
 * The Dice score of one foreground class over a fold's validation cases.
 *
 * @param label the label value in the segmentation
 * @param name  the class name from {@code dataset.json}, e.g. {@code Anterior}
 * @param dice  mean Dice, 0 to 1
 */
public record ClassDice(int label, String name, double dice) {

    /** Requires a foreground label, a name and a Dice in [0, 1]. */
    public ClassDice {
        if (label < 1) {
            throw new IllegalArgumentException("ClassDice.label " + label + " is not a foreground label");
        }
        Require.text("ClassDice", "name", name);
        if (!(dice >= 0 && dice <= 1)) {
            throw new IllegalArgumentException("ClassDice.dice " + dice + " of label " + label + " is outside [0, 1]");
        }
    }
}
