/**
 * Reading a run submission: the JSON request or the PaddleSeg YAML with its query parameters,
 * validated by the contracts' spec package into a {@link dev.segfold.config.submission.Submission}.
 */
package dev.segfold.config.submission;
