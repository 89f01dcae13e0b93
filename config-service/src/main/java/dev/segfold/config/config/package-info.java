/** The config-service's typed settings ({@code segfold.config.*}). */
package dev.segfold.config.config;
