/**
 * Shared test support: {@link dev.segfold.engine.testsupport.PythonPeer} runs Debian's
 * /usr/bin/python3 as an independent reference (numpy, scipy, skimage, nibabel, torch) and
 * {@link dev.segfold.engine.testsupport.SharedData} finds the real MSD Task04_Hippocampus data
 * beside the repository. Both skip the calling test, with a message saying why, where what they
 * need is absent, so the suite stays green on a bare machine.
 */
package dev.segfold.engine.testsupport;
