/**
 * The condition language: lexer, recursive-descent parser and the syntax tree. Knows nothing of
 * YAML, events or evaluation.
 */
package dev.peregrine.lang;
