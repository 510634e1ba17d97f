/** Diagnostics shared by every stage: source files, positions and issues with caret rendering. */
package dev.peregrine.diag;
