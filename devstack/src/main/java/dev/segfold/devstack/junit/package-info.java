/** The devstack for JUnit 5 tests ({@link dev.segfold.devstack.junit.DevStackExtension}). */
package dev.segfold.devstack.junit;
