/**
 * The object-store key layout of DESIGN.md §4 as a small API: {@link
 * dev.segfold.contracts.storage.RunLayout}, {@link dev.segfold.contracts.storage.DatasetLayout},
 * {@link dev.segfold.contracts.storage.CacheLayout}, with bucket names in {@link
 * dev.segfold.contracts.storage.Buckets}. Every name that goes into a key passes {@link
 * dev.segfold.contracts.storage.KeySegments}, an allow-list, so a hostile run id or case name can
 * never address a key outside its prefix. Keys never start with '/'; prefixes end with '/'.
 */
package dev.segfold.contracts.storage;
