/**
 * The events of DESIGN.md §3 as records: run-scoped ({@link dev.segfold.contracts.events.RunEvent},
 * keyed {@code runId}) and fold-scoped ({@link dev.segfold.contracts.events.FoldEvent}, keyed
 * {@code runId/stage/fold}), a closed set listed in {@link dev.segfold.contracts.events.EventType}
 * with CloudEvents type names. Compact constructors validate every component, so an event that
 * deserializes is an event that can be acted on; unknown JSON fields are ignored so producers can
 * add fields without breaking older consumers.
 */
package dev.segfold.contracts.events;
