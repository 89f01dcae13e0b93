/**
 * The preprocessed-data cache in the cache bucket ({@code segfold-cache/<dataset digest>/<plans digest>/<configuration>/}):
 * the first service that needs a configuration's preprocessed training cases computes and uploads
 * them, every later one (another run, another machine) downloads them and checks them against the
 * entry's manifest. See docs/DECISIONS.md, "Preprocessed-data cache".
 */
package dev.segfold.service.cache;
