/** The packager's own settings ({@code segfold.packager.*}). */
package dev.segfold.packager.config;
