package dev.peregrine.engine;

import dev.peregrine.rules.Priority;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One rule match on one event, with everything an output needs and nothing to extract later.
 *
 * @param rule rule name
 * @param priority rule priority
 * @param source event source ({@code k8s_audit})
 * @param tags the rule's tags, sorted
 * @param timeNanos event time (stageTimestamp) in ns since the epoch
 * @param output the full text line: time, priority and message
 * @param message the rendered rule output alone
 * @param outputFields values of the output's fields keyed as written, plus the time field; values
 *     are String, Long, List of String or null; unmodifiable, iterated in key order when made
 *     by the engine
 */
public record Alert(
    String rule,
    Priority priority,
    String source,
    List<String> tags,
    long timeNanos,
    String output,
    String message,
    Map<String, Object> outputFields) {
  public Alert {
    tags = List.copyOf(tags);
    outputFields = outputFields instanceof AlertFields ? outputFields
        : Collections.unmodifiableMap(outputFields);
  }
}
