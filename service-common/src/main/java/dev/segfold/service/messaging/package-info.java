/** Sending contract events on Kafka channels, keyed and acknowledged, the same way in every service. */
package dev.segfold.service.messaging;
