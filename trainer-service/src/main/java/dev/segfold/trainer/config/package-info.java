/** The trainer's typed configuration ({@code segfold.trainer.*}). */
package dev.segfold.trainer.config;
