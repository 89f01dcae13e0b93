package dev.segfold.engine.workflow;

import dev.segfold.engine.network.UNet3d;
import dev.segfold.engine.network.UNet3dConfig;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.plan.StagePlan;

/** Turns a plans stage into the network nnU-Net builds for it. */
public final class NetworkPlans {
    /** nnU-Net's cap on the channels of any 3D stage. */
    public static final int MAX_FEATURES_3D = 320;

    private NetworkPlans() {}

    public static UNet3dConfig network(Plans plans, Configuration configuration) {
        StagePlan stage = plans.stage(configuration);
        int inputs = plans.numModalities();
        if (configuration == Configuration.CASCADE_FULLRES_3D) {
            inputs += plans.numClasses(); // one-hot previous-stage labels 1..K
        }
        return UNet3d.builder()
                .inputChannels(inputs)
                .numClasses(plans.numClasses() + 1)
                .baseFeatures(plans.baseNumFeatures())
                .maxFeatures(Math.max(MAX_FEATURES_3D, plans.baseNumFeatures()))
                .poolKernels(stage.poolOpKernelSizes())
                .convKernels(stage.convKernelSizes())
                .optConvsPerStage(plans.convPerStage())
                .config();
    }

    /**
     * nnU-Net's batch_dice: on for the full-res and cascade stages of two-stage plans, off for
     * 3d_lowres and for the full-res stage of single-stage plans (Hippocampus).
     */
    public static boolean batchDice(Plans plans, Configuration configuration) {
        return configuration != Configuration.LOWRES_3D && plans.numStages() == 2;
    }
}
