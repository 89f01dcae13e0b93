package dev.segfold.engine.nifti;

import java.util.Arrays;
import java.util.Objects;

/**
 * The fields of a NIfTI-1 header that Segfold keeps: the array layout, the datatype and its
 * scaling, and the full geometry (qform and sform), so that an image written from it overlays the
 * image it was read from.
 *
 * <p>Axis conventions: {@code dim} and {@code pixdim} are as in the file (index 1 is x, the
 * fastest axis); {@link #shape()} and {@link #spacing()} give (z, y, x) as a
 * {@link dev.segfold.engine.image.Volume} uses them.
 *
 * @param dim the 8 {@code dim} values; {@code dim[0]} is the number of dimensions (3, or 4 for
 *     a multi-channel image with {@code dim[4]} channels)
 * @param pixdim the 8 {@code pixdim} values; {@code pixdim[0]} is qfac (-1 or 1)
 * @param datatype how voxels are stored
 * @param sclSlope intensity slope; 0 or NaN means no scaling
 * @param sclInter intensity intercept, used only when the slope applies
 * @param xyztUnits the {@code xyzt_units} byte (spatial and temporal units)
 * @param qformCode the qform code (0 unknown, 1 scanner, 2 aligned, 3 Talairach, 4 MNI)
 * @param quatern quatern_b, quatern_c, quatern_d
 * @param qoffset qoffset_x, qoffset_y, qoffset_z
 * @param sformCode the sform code, same meanings as the qform code
 * @param srow the three sform rows srow_x, srow_y, srow_z, four values each
 * @param intentCode the intent code (0 none)
 * @param intentName the intent name, at most 15 characters
 * @param descrip the free-text description, at most 79 characters
 */
public record NiftiHeader(
        int[] dim,
        float[] pixdim,
        NiftiDatatype datatype,
        double sclSlope,
        double sclInter,
        int xyztUnits,
        int qformCode,
        double[] quatern,
        double[] qoffset,
        int sformCode,
        double[][] srow,
        int intentCode,
        String intentName,
        String descrip) {

    /** {@code xyzt_units} for millimetres and seconds, what medical images use. */
    public static final int UNITS_MM_SEC = 2 | 8;

    public NiftiHeader {
        Objects.requireNonNull(datatype, "datatype");
        dim = checkedCopy(dim, 8, "dim");
        pixdim = pixdim.clone();
        if (pixdim.length != 8) {
            throw new IllegalArgumentException("pixdim needs 8 values, got " + pixdim.length);
        }
        quatern = checkedCopy(quatern, 3, "quatern");
        qoffset = checkedCopy(qoffset, 3, "qoffset");
        if (srow.length != 3) {
            throw new IllegalArgumentException("srow needs 3 rows, got " + srow.length);
        }
        double[][] rows = new double[3][];
        for (int i = 0; i < 3; i++) {
            rows[i] = checkedCopy(srow[i], 4, "srow[" + i + "]");
        }
        srow = rows;
        intentName = intentName == null ? "" : intentName;
        descrip = descrip == null ? "" : descrip;
    }

    /**
     * An axis-aligned header: x, y and z along the scanner axes, both qform and sform set with
     * code 1 (scanner), millimetres.
     *
     * @param shape (z, y, x)
     * @param channels 1 for a 3D image, more for a 4D multi-channel image
     * @param spacing (z, y, x) in mm
     * @param origin world position of voxel (0, 0, 0) as (x, y, z) in mm
     */
    public static NiftiHeader axisAligned(
            int[] shape, int channels, double[] spacing, double[] origin, NiftiDatatype datatype) {
        float[] pixdim = {1f, (float) spacing[2], (float) spacing[1], (float) spacing[0], 1f, 1f, 1f, 1f};
        double[][] srow = {
            {pixdim[1], 0, 0, origin[0]},
            {0, pixdim[2], 0, origin[1]},
            {0, 0, pixdim[3], origin[2]}
        };
        return new NiftiHeader(dimFor(shape, channels), pixdim, datatype, 1.0, 0.0, UNITS_MM_SEC,
                1, new double[3], origin.clone(), 1, srow, 0, "", "");
    }

    /** Number of spatial plus channel dimensions as the file declares ({@code dim[0]}). */
    public int rank() {
        return dim[0];
    }

    /** The volume shape (z, y, x) = (dim[3], dim[2], dim[1]); axes beyond {@code dim[0]} are 1. */
    public int[] shape() {
        return new int[] {extent(3), extent(2), extent(1)};
    }

    /** Number of channels: {@code dim[4]} for a 4D image, else 1. */
    public int channels() {
        return extent(4);
    }

    /** Voxels per channel. */
    public long voxelsPerChannel() {
        return (long) extent(1) * extent(2) * extent(3);
    }

    /** Voxel spacing (z, y, x) = (pixdim[3], pixdim[2], pixdim[1]). */
    public double[] spacing() {
        return new double[] {pixdim[3], pixdim[2], pixdim[1]};
    }

    /** Whether the scaling fields apply: the slope is finite and not 0. */
    public boolean hasScaling() {
        return sclSlope != 0.0 && Double.isFinite(sclSlope);
    }

    /** The slope applied on read: 1 where the slope field is 0 or not finite. */
    public double effectiveSlope() {
        return hasScaling() ? sclSlope : 1.0;
    }

    /** The intercept applied on read: 0 where the slope does not apply or the field is not finite. */
    public double effectiveInter() {
        return hasScaling() && Double.isFinite(sclInter) ? sclInter : 0.0;
    }

    /** qfac, the sign of the third qform column: -1 where pixdim[0] is negative, else 1. */
    public double qfac() {
        return pixdim[0] < 0 ? -1.0 : 1.0;
    }

    /**
     * The voxel-to-world matrix a viewer uses, 4x4 row-major over (i, j, k) = (x, y, z) voxel
     * indices: the sform where its code is positive, else the qform where its code is positive,
     * else the pixdim scaling (NIfTI "method 1").
     */
    public double[][] affine() {
        if (sformCode > 0) {
            return sformAffine();
        }
        if (qformCode > 0) {
            return qformAffine();
        }
        return new double[][] {
            {pixdim[1], 0, 0, 0}, {0, pixdim[2], 0, 0}, {0, 0, pixdim[3], 0}, {0, 0, 0, 1}
        };
    }

    /** The sform as a 4x4 matrix, whatever its code. */
    public double[][] sformAffine() {
        return new double[][] {srow[0].clone(), srow[1].clone(), srow[2].clone(), {0, 0, 0, 1}};
    }

    /** The qform as a 4x4 matrix (quaternion, pixdim and qfac), whatever its code. */
    public double[][] qformAffine() {
        double b = quatern[0];
        double c = quatern[1];
        double d = quatern[2];
        double aa = 1.0 - (b * b + c * c + d * d);
        double a;
        if (aa < 1e-7) {
            // b, c, d describe a 180 degree rotation; renormalise as nifti1_io does
            double norm = Math.sqrt(b * b + c * c + d * d);
            b /= norm;
            c /= norm;
            d /= norm;
            a = 0.0;
        } else {
            a = Math.sqrt(aa);
        }
        double[][] r = {
            {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
            {2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)},
            {2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b}
        };
        double[] zooms = {pixdim[1], pixdim[2], pixdim[3] * qfac()};
        double[][] m = new double[4][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[i][j] = r[i][j] * zooms[j];
            }
            m[i][3] = qoffset[i];
        }
        m[3][3] = 1.0;
        return m;
    }

    /** This header for data of another shape and channel count, geometry unchanged. */
    public NiftiHeader withShape(int[] shape, int channels) {
        return new NiftiHeader(dimFor(shape, channels), pixdim, datatype, sclSlope, sclInter,
                xyztUnits, qformCode, quatern, qoffset, sformCode, srow, intentCode, intentName, descrip);
    }

    /** This header with another datatype and scaling, geometry unchanged. */
    public NiftiHeader withDatatype(NiftiDatatype newDatatype, double slope, double inter) {
        return new NiftiHeader(dim, pixdim, newDatatype, slope, inter, xyztUnits, qformCode,
                quatern, qoffset, sformCode, srow, intentCode, intentName, descrip);
    }

    /** This header with another description (truncated to 79 characters on write). */
    public NiftiHeader withDescrip(String text) {
        return new NiftiHeader(dim, pixdim, datatype, sclSlope, sclInter, xyztUnits, qformCode,
                quatern, qoffset, sformCode, srow, intentCode, intentName, text);
    }

    private int extent(int axis) {
        return axis <= dim[0] ? dim[axis] : 1;
    }

    private static int[] dimFor(int[] shape, int channels) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("shape must be (z, y, x), got " + Arrays.toString(shape));
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1, got " + channels);
        }
        for (int s : shape) {
            if (s < 1 || s > Short.MAX_VALUE) {
                throw new IllegalArgumentException("NIfTI-1 axes hold 1.." + Short.MAX_VALUE
                        + " voxels, shape is " + Arrays.toString(shape));
            }
        }
        int rank = channels > 1 ? 4 : 3;
        return new int[] {rank, shape[2], shape[1], shape[0], channels > 1 ? channels : 1, 1, 1, 1};
    }

    private static double[] checkedCopy(double[] values, int length, String field) {
        if (values.length != length) {
            throw new IllegalArgumentException(field + " needs " + length + " values, got " + values.length);
        }
        return values.clone();
    }

    private static int[] checkedCopy(int[] values, int length, String field) {
        if (values.length != length) {
            throw new IllegalArgumentException(field + " needs " + length + " values, got " + values.length);
        }
        return values.clone();
    }

    @Override
    public int[] dim() {
        return dim.clone();
    }

    @Override
    public float[] pixdim() {
        return pixdim.clone();
    }

    @Override
    public double[] quatern() {
        return quatern.clone();
    }

    @Override
    public double[] qoffset() {
        return qoffset.clone();
    }

    @Override
    public double[][] srow() {
        return new double[][] {srow[0].clone(), srow[1].clone(), srow[2].clone()};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NiftiHeader h
                && Arrays.equals(dim, h.dim) && Arrays.equals(pixdim, h.pixdim)
                && datatype == h.datatype
                && Double.compare(sclSlope, h.sclSlope) == 0 && Double.compare(sclInter, h.sclInter) == 0
                && xyztUnits == h.xyztUnits && qformCode == h.qformCode
                && Arrays.equals(quatern, h.quatern) && Arrays.equals(qoffset, h.qoffset)
                && sformCode == h.sformCode && Arrays.deepEquals(srow, h.srow)
                && intentCode == h.intentCode && intentName.equals(h.intentName) && descrip.equals(h.descrip);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(dim), Arrays.hashCode(pixdim), datatype, sclSlope, sclInter,
                qformCode, sformCode, Arrays.hashCode(qoffset), Arrays.deepHashCode(srow));
    }

    @Override
    public String toString() {
        return "NiftiHeader[shape(z,y,x)=" + Arrays.toString(shape()) + ", channels=" + channels()
                + ", spacing(z,y,x)=" + Arrays.toString(spacing()) + ", datatype=" + datatype
                + ", scl=" + sclSlope + "/" + sclInter + ", qform_code=" + qformCode
                + ", sform_code=" + sformCode + "]";
    }
}
