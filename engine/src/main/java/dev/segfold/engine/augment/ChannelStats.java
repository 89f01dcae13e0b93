package dev.segfold.engine.augment;

/** Mean, population standard deviation and range of one channel, as numpy computes them. */
record ChannelStats(double mean, double std, double min, double max) {
    static ChannelStats of(float[] a) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float f : a) {
            sum += f;
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        double mean = sum / a.length;
        double sq = 0;
        for (float f : a) {
            double d = f - mean;
            sq += d * d;
        }
        return new ChannelStats(mean, Math.sqrt(sq / a.length), min, max);
    }
}
