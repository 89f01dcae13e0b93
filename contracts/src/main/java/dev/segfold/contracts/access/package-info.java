/** Who may do what on the REST API: the roles a bearer token names ({@link dev.segfold.contracts.access.ApiRole}). */
package dev.segfold.contracts.access;
