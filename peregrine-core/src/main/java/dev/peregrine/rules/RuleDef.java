package dev.peregrine.rules;

import dev.peregrine.lang.Expr;
import java.util.List;
import java.util.SortedSet;

/**
 * A rule after loading: lists substituted, macros expanded, exceptions folded into the condition,
 * appends and overrides applied. Positions in {@code condition} are global offsets in the load's
 * {@link dev.peregrine.diag.SourceSet}.
 *
 * @param name rule name
 * @param index first-definition order (evaluation order)
 * @param source event source, {@code syscall} by default
 * @param condition resolved condition tree; null when the rule failed to resolve (errors reported)
 * @param conditionText the final condition text (after append, list substitution and exceptions)
 * @param output output template, trimmed
 * @param outputPos global offset of the output value
 * @param pos global offset of the rule item
 * @param warnings compile warnings are attached by the engine; loader warnings live in the result
 */
public record RuleDef(
    String name,
    int index,
    String desc,
    String source,
    Expr condition,
    String conditionText,
    String output,
    int outputPos,
    Priority priority,
    SortedSet<String> tags,
    boolean enabled,
    boolean skipIfUnknownFilter,
    int pos,
    List<String> warnings) {}
