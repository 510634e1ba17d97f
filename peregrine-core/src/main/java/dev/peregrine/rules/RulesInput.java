package dev.peregrine.rules;

/** A rules file's name (as shown in diagnostics) and content. */
public record RulesInput(String name, String content) {}
