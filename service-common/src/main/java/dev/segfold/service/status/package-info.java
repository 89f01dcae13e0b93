/** Publishing status events to {@code segfold.status} as CloudEvents (structured mode). */
package dev.segfold.service.status;
