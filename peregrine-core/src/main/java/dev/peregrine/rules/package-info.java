/**
 * Falco rules files: YAML reading with positions, define/append/override, list substitution,
 * macro expansion and exceptions, with Falco's error and warning codes.
 *
 * <p>Stages, as in Falco's engine: {@code RulesReader}/{@code RuleReader} turn YAML items into
 * records for the {@code Collector} (define, append, replace, enable); the {@code Compiler}
 * expands lists inside lists, folds exceptions into conditions ({@code ExceptionText}),
 * substitutes lists textually ({@code ListSubstitution}), parses, and resolves macros on the tree
 * ({@code MacroResolver}). Condition text travels as {@code MappedText}, which keeps for every
 * character its global offset in the load's {@link dev.peregrine.diag.SourceSet}, so parse errors
 * and tree positions point into the original files. Only {@link dev.peregrine.rules.RulesLoader}
 * and its result types are public.
 */
package dev.peregrine.rules;
