/**
 * The run spec and its YAML mapping (the PaddleSeg MedicalSeg nnU-Net config of DESIGN.md §6,
 * read with SnakeYAML's safe loading and size/alias limits). Not written yet: a later task adds
 * it here, so that config-service and the command line share one parser.
 */
package dev.segfold.contracts.spec;
