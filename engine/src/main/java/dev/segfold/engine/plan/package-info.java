/**
 * Data-set fingerprint and experiment planning, as nnU-Net v1's {@code DatasetAnalyzer} and
 * {@code ExperimentPlanner3D_v21} do them (REFERENCE-nnunet.md §1-§2).
 *
 * <p>Flow: {@link dev.segfold.engine.plan.CaseFingerprinter} measures each raw case, {@link
 * dev.segfold.engine.plan.FingerprintAggregator} pools them into a {@link
 * dev.segfold.engine.plan.DatasetFingerprint}, {@link dev.segfold.engine.plan.ExperimentPlanner}
 * turns that into {@link dev.segfold.engine.plan.Plans} (one {@link
 * dev.segfold.engine.plan.StagePlan} per stage, stage 0 = low resolution when there are two), and
 * {@link dev.segfold.engine.plan.PlansJson} stores them as {@code plans.json} with nnU-Net's key
 * names. Numeric conventions follow numpy where they decide outcomes: round half to even, linear
 * percentiles, median of an even count as the mean of the middle pair.
 */
package dev.segfold.engine.plan;
