package dev.segfold.engine.preprocess;

import java.util.List;

/**
 * The JSON half of a cached case: its properties and the layout of the binary half, which holds
 * the channels (float32), the labels (int16) and the class locations (int32 triples), all
 * little-endian, in that order.
 *
 * @param format layout version
 * @param caseId the case
 * @param channels number of data channels
 * @param shape shape of every array (preprocessed, transposed order)
 * @param hasSeg whether labels follow the channels
 * @param originalShape see {@link CaseProperties}
 * @param originalSpacing see {@link CaseProperties}
 * @param cropBox see {@link CaseProperties}
 * @param shapeAfterCrop see {@link CaseProperties}
 * @param spacingAfterResampling see {@link CaseProperties}
 * @param shapeAfterResampling see {@link CaseProperties}
 * @param classLocationCounts pairs [class, number of sampled voxels], in storage order
 * @param dataFile name of the binary file beside this one
 * @param dataBytes uncompressed size of the binary file
 */
record StoredCaseHeader(
        int format,
        String caseId,
        int channels,
        int[] shape,
        boolean hasSeg,
        int[] originalShape,
        double[] originalSpacing,
        int[][] cropBox,
        int[] shapeAfterCrop,
        double[] spacingAfterResampling,
        int[] shapeAfterResampling,
        List<int[]> classLocationCounts,
        String dataFile,
        long dataBytes) {
    static final int FORMAT = 1;
}
