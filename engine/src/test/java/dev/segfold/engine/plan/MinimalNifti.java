package dev.segfold.engine.plan;

import dev.segfold.engine.dataset.RawCase;
import dev.segfold.engine.image.Volume;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Just enough NIfTI-1 reading for the real-data planning test (3D, little or big endian, the
 * integer and float types MSD Hippocampus uses), so this package's tests do not wait on the
 * engine's own NIfTI reader. Not for production use.
 */
final class MinimalNifti {
    private MinimalNifti() {
    }

    record Image(Volume volume, double[] spacingZyx) {
    }

    static Image read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            bytes = in.readAllBytes();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 348) {
            b.order(ByteOrder.BIG_ENDIAN);
            if (b.getInt(0) != 348) {
                throw new IOException(file + ": not a NIfTI-1 file");
            }
        }
        int nx = b.getShort(42);
        int ny = b.getShort(44);
        int nz = b.getShort(46);
        int datatype = b.getShort(70);
        double[] spacing = {b.getFloat(88), b.getFloat(84), b.getFloat(80)};
        int offset = (int) b.getFloat(108);
        float slope = b.getFloat(112);
        float inter = b.getFloat(116);
        float[] data = new float[nx * ny * nz];
        b.position(offset);
        for (int i = 0; i < data.length; i++) {
            data[i] = switch (datatype) {
                case 2 -> b.get() & 0xff;
                case 4 -> b.getShort();
                case 8 -> b.getInt();
                case 16 -> b.getFloat();
                case 64 -> (float) b.getDouble();
                case 512 -> b.getShort() & 0xffff;
                default -> throw new IOException(file + ": unsupported datatype " + datatype);
            };
        }
        if (slope != 0 && (slope != 1 || inter != 0)) {
            for (int i = 0; i < data.length; i++) {
                data[i] = data[i] * slope + inter;
            }
        }
        return new Image(new Volume(new int[] {nz, ny, nx}, data), spacing);
    }

    static RawCase readCase(Path taskDir, String caseId) throws IOException {
        Image image = read(taskDir.resolve("imagesTr").resolve(caseId + ".nii.gz"));
        Image label = read(taskDir.resolve("labelsTr").resolve(caseId + ".nii.gz"));
        return new RawCase(caseId, new Volume[] {image.volume()}, label.volume(), image.spacingZyx());
    }
}
