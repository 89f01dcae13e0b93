/** The REST API ({@code /runs}) and its RFC 9457 problem details. */
package dev.segfold.config.rest;
