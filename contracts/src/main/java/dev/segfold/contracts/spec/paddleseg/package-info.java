/**
 * PaddleSeg MedicalSeg nnU-Net configs (DESIGN.md §6): parsed with SnakeYAML's safe loading and
 * limits ({@link dev.segfold.contracts.spec.paddleseg.SafeYaml}), mapped to a run spec with every
 * path mapping, unknown key and warning reported
 * ({@link dev.segfold.contracts.spec.paddleseg.PaddleSegYamlReader},
 * {@link dev.segfold.contracts.spec.paddleseg.YamlImport}), and written back per fold
 * ({@link dev.segfold.contracts.spec.paddleseg.FoldConfigWriter}).
 */
package dev.segfold.contracts.spec.paddleseg;
