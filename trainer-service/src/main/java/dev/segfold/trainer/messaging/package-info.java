/** Kafka side of the trainer: fold requests in (one at a time per instance), poison to the dead-letter topic. */
package dev.segfold.trainer.messaging;
