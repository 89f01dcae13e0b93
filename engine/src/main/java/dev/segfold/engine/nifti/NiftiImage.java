package dev.segfold.engine.nifti;

import dev.segfold.engine.image.Volume;
import java.util.Arrays;
import java.util.List;

/**
 * A NIfTI image in memory: its header and one volume per channel (a 3D image has one channel, an
 * MSD multi-modal 4D image has {@code dim[4]}). Voxel values are already scaled by
 * {@code scl_slope}/{@code scl_inter}; the header's datatype and scaling say how they will be
 * stored when written.
 *
 * @param header the header; its {@code dim} always agrees with the channels
 * @param channels the channels, each of shape {@link NiftiHeader#shape()} (z, y, x)
 */
public record NiftiImage(NiftiHeader header, List<Volume> channels) {

    public NiftiImage {
        channels = List.copyOf(channels);
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("an image needs at least one channel");
        }
        int[] shape = header.shape();
        for (int c = 0; c < channels.size(); c++) {
            if (!Arrays.equals(channels.get(c).shape(), shape)) {
                throw new IllegalArgumentException("channel " + c + " has shape "
                        + Arrays.toString(channels.get(c).shape()) + ", header says " + Arrays.toString(shape));
            }
        }
        if (header.channels() != channels.size()) {
            throw new IllegalArgumentException("header says " + header.channels() + " channels, got "
                    + channels.size());
        }
    }

    /** An image of {@code channels} with {@code header}'s geometry and datatype; dims follow the channels. */
    public static NiftiImage of(NiftiHeader header, Volume... channels) {
        if (channels.length == 0) {
            throw new IllegalArgumentException("an image needs at least one channel");
        }
        return new NiftiImage(header.withShape(channels[0].shape(), channels.length), List.of(channels));
    }

    /**
     * A label map (a prediction) with the geometry of the image it was predicted from, stored as
     * uint8 with slope 1 and intercept 0 so that it overlays the reference in any viewer.
     *
     * @throws IllegalArgumentException if the labels' shape differs from the reference's
     */
    public static NiftiImage labelsLike(NiftiHeader reference, Volume labels) {
        requireSameShape(reference, labels);
        return of(reference.withDatatype(NiftiDatatype.UINT8, 1.0, 0.0).withDescrip("segfold labels"), labels);
    }

    /**
     * Float32 volumes (probabilities, one channel per class, or an intensity image) with the
     * geometry of a reference image; several volumes make a 4D image.
     *
     * @throws IllegalArgumentException if a volume's shape differs from the reference's
     */
    public static NiftiImage float32Like(NiftiHeader reference, Volume... channels) {
        for (Volume v : channels) {
            requireSameShape(reference, v);
        }
        return of(reference.withDatatype(NiftiDatatype.FLOAT32, 1.0, 0.0).withDescrip("segfold"), channels);
    }

    /** The only channel of a 3D image. */
    public Volume volume() {
        if (channels.size() != 1) {
            throw new IllegalStateException("image has " + channels.size() + " channels, not 1");
        }
        return channels.get(0);
    }

    public Volume channel(int index) {
        return channels.get(index);
    }

    public int channelCount() {
        return channels.size();
    }

    private static void requireSameShape(NiftiHeader reference, Volume v) {
        if (!Arrays.equals(reference.shape(), v.shape())) {
            throw new IllegalArgumentException("volume shape " + Arrays.toString(v.shape())
                    + " differs from the reference image's " + Arrays.toString(reference.shape()));
        }
    }
}
