/**
 * The preprocessed-data cache's manifest ({@code segfold-cache/<dataset digest>/<plans digest>/<configuration>/manifest.json}):
 * what makes a cache entry complete and what every downloaded file is checked against.
 */
package dev.segfold.contracts.cache;
