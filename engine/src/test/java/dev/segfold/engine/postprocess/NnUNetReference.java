package dev.segfold.engine.postprocess;

/**
 * nnU-Net v1's postprocessing functions in Python, the reference that the peer tests of this
 * package run on scipy before their own script: {@code remove(image, for_which_classes,
 * volume_per_voxel)} is {@code remove_all_but_the_largest_connected_component} (a list or tuple
 * entry is one joint group), {@code dice(test, reference)} the evaluator's Dice with NaN where both
 * are empty. Defines {@code np} and {@code label} too.
 */
final class NnUNetReference {
    static final String FUNCTIONS = """
            import numpy as np
            from scipy.ndimage import label
            def remove(image, for_which_classes, volume_per_voxel):
                for c in for_which_classes:
                    if isinstance(c, (list, tuple)):
                        mask = np.zeros_like(image, dtype=bool)
                        for cl in c:
                            mask[image == cl] = True
                    else:
                        mask = image == c
                    lmap, num_objects = label(mask.astype(int))
                    sizes = {o: (lmap == o).sum() * volume_per_voxel for o in range(1, num_objects + 1)}
                    if num_objects > 0:
                        mx = max(sizes.values())
                        for o in range(1, num_objects + 1):
                            if sizes[o] != mx:
                                image[(lmap == o) & mask] = 0
                return image
            def dice(t, r):
                if not t.any() and not r.any():
                    return float('nan')
                tp = (t & r).sum(); fp = (t & ~r).sum(); fn = (~t & r).sum()
                return float(2. * tp / (2 * tp + fp + fn))
            """;

    private NnUNetReference() {}
}
