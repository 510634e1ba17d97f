package dev.peregrine.engine;

/** A compiled condition node: evaluated once per event, never by walking the syntax tree. */
interface Condition {
  boolean eval(Evaluation event);
}
