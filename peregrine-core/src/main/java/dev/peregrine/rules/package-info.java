/**
 * Falco rules files: YAML reading with positions, define/append/override, list substitution,
 * macro expansion and exceptions, with Falco's error and warning codes.
 */
package dev.peregrine.rules;
