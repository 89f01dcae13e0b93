package dev.segfold.client;

/**
 * What the client shows for one fold: its state and last progress.
 *
 * @param label e.g. "3d_fullres fold 0"
 * @param state TRAINING, CHECKPOINTED, EVALUATED, FAILED, ...
 * @param iteration last reported iteration
 * @param total iterations of the fold
 * @param loss last training loss
 * @param etaSeconds remaining time, or null
 * @param detail Dice once evaluated, the reason once failed
 */
record FoldLine(String label, String state, int iteration, int total, double loss, Double etaSeconds, String detail) {
    static final int BAR = 24;

    String render() {
        int filled = total <= 0 ? 0 : Math.min(BAR, (int) Math.round(BAR * (double) iteration / total));
        String bar = "#".repeat(filled) + "-".repeat(BAR - filled);
        String eta = etaSeconds == null ? "" : "  eta " + duration(etaSeconds);
        String lossText = Double.isNaN(loss) ? "" : String.format("  loss %.4f", loss);
        return String.format("%-22s [%s] %6d/%-6d %-12s%s%s%s", label, bar, iteration, total, state, lossText, eta,
                detail == null ? "" : "  " + detail);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
