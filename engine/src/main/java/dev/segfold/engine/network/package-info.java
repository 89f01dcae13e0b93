/**
 * nnU-Net's 3D U-Net on DJL's PyTorch engine: {@link dev.segfold.engine.network.UNet3dConfig} (the
 * plans' architecture), {@link dev.segfold.engine.network.UNet3d} (the forward function),
 * {@link dev.segfold.engine.network.UNet3dParameters} (the weights, named like Generic_UNet's state
 * dict, saved as npz) and {@link dev.segfold.engine.network.UNetPredictor} (inference).
 */
package dev.segfold.engine.network;
