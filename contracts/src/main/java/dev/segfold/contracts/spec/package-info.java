/**
 * The run spec: what {@code POST /runs} asks for ({@link dev.segfold.contracts.spec.RunRequest},
 * all optional but the data set, or query parameters through
 * {@link dev.segfold.contracts.spec.RunQuery}) and what a run is after validation
 * ({@link dev.segfold.contracts.spec.RunSpec}, its stages as
 * {@link dev.segfold.contracts.spec.StageSpec}). Validation collects every problem, each a
 * {@link dev.segfold.contracts.spec.SpecProblem} naming the field path, for an RFC 9457 answer.
 * Defaults and limits live in {@link dev.segfold.contracts.spec.SpecDefaults}.
 *
 * <p>The PaddleSeg YAML mapping is in the {@code paddleseg} subpackage, so config-service and the
 * command line share one parser. Decisions: docs/run-spec-and-yaml.md.
 */
package dev.segfold.contracts.spec;
