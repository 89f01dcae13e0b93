/** {@code ./segfold redrive SERVICE}: a service's dead letters back onto the topic they came from. */
package dev.segfold.client.redrive;
