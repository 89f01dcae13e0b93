/** Speed measurements of the engine against its PyTorch peer (bench/ at the repository root). */
package dev.segfold.engine.bench;
