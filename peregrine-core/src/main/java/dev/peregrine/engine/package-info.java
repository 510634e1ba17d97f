/**
 * Compilation of resolved rules into evaluator trees and output templates, and the engine that
 * runs them on audit events.
 */
package dev.peregrine.engine;
