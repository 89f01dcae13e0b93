package dev.segfold.engine.dataset;

/** How a data set stores its image channels. */
public enum DatasetLayout {
    /** Medical Segmentation Decathlon: one file per case, channels along the 4th axis. */
    MSD,
    /** nnU-Net raw data: one 3D file per channel, {@code <case>_XXXX.nii.gz}. */
    NNUNET
}
