package dev.segfold.engine.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.testsupport.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads every real Task04_Hippocampus file; compares a few with nibabel. Skips where the data are absent. */
class NiftiHippocampusTest {
    @TempDir
    Path dir;

    @Test
    void everyRealCaseReads() throws Exception {
        Path root = SharedData.hippocampus();
        List<Path> files;
        try (Stream<Path> s = Stream.of("imagesTr", "labelsTr", "imagesTs").flatMap(d -> list(root.resolve(d)))) {
            files = s.toList();
        }
        assertTrue(files.size() >= 401, "200 images, 200 labels and a test image, found " + files.size());
        Map<NiftiDatatype, Integer> datatypes = new EnumMap<>(NiftiDatatype.class);
        for (Path f : files) {
            NiftiImage image = NiftiReader.read(f);
            NiftiHeader h = image.header();
            assertEquals(1, image.channelCount(), f.toString());
            assertArrayEquals(new double[] {1, 1, 1}, h.spacing(), 1e-6, f.toString());
            datatypes.merge(h.datatype(), 1, Integer::sum);
            if (f.getParent().getFileName().toString().equals("imagesTr")) {
                NiftiHeader label = NiftiReader.readHeader(root.resolve("labelsTr").resolve(f.getFileName()));
                assertArrayEquals(h.shape(), label.shape(), f.toString());
            }
        }
        assertEquals(Map.of(NiftiDatatype.UINT8, 245, NiftiDatatype.FLOAT32, 156), datatypes);
    }

    @Test
    void realCasesMatchNibabel() throws Exception {
        Path root = SharedData.hippocampus();
        NibabelPeer peer = NibabelPeer.require(dir);
        List<String> names = List.of("imagesTr/hippocampus_001.nii.gz", "labelsTr/hippocampus_001.nii.gz",
                "labelsTr/hippocampus_003.nii.gz", "labelsTr/hippocampus_243.nii.gz", "imagesTr/hippocampus_003.nii.gz",
                "imagesTs/hippocampus_118.nii.gz");
        List<NibabelPeer.Description> described = peer.describeAll(names.stream().map(root::resolve).toList());
        for (int n = 0; n < names.size(); n++) {
            String f = names.get(n);
            NiftiImage image = NiftiReader.read(root.resolve(f));
            NibabelPeer.Description nib = described.get(n);
            assertArrayEquals(nib.data(), image.volume().data(), f);
            int[] s = nib.shape();
            assertArrayEquals(new int[] {s[2], s[1], s[0]}, image.header().shape(), f);
            double[][] affine = image.header().affine();
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(nib.matrix("affine")[i], affine[i], 1e-6, f);
            }
            assertEquals(nib.info().get("qform_code").asInt(), image.header().qformCode(), f);
            assertEquals(nib.info().get("sform_code").asInt(), image.header().sformCode(), f);
        }
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir).filter(p -> p.toString().endsWith(".nii.gz")).sorted().toList().stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
