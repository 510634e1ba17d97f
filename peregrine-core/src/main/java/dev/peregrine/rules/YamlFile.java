package dev.peregrine.rules;

import dev.peregrine.diag.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeType;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** One rules file registered in the load's source set: turns YAML marks into global offsets. */
final class YamlFile {
  private final SourceFile source;
  private final int base;
  private final int[] lineStarts;

  YamlFile(SourceFile source, int base) {
    this.source = source;
    this.base = base;
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    String t = source.text();
    for (int i = 0; i < t.length(); i++) {
      if (t.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  SourceFile source() {
    return source;
  }

  int base() {
    return base;
  }

  /** The global offset of a mark (0-based line and column). */
  int offset(Mark m) {
    int line = Math.max(0, Math.min(m.getLine(), lineStarts.length - 1));
    int off = Math.min(lineStarts[line] + m.getColumn(), source.text().length());
    return base + off;
  }

  /** The global offset where a node starts. */
  int pos(Node n) {
    return n.getStartMark().map(this::offset).orElse(base);
  }

  private int end(Node n) {
    return n.getEndMark().map(this::offset).orElse(pos(n));
  }

  /** True for a YAML null: a missing value, {@code ~} or {@code null} written plainly. */
  static boolean isNull(Node n) {
    if (n == null) {
      return true;
    }
    if (!(n instanceof ScalarNode s) || s.getScalarStyle() != ScalarStyle.PLAIN) {
      return false;
    }
    return switch (s.getValue()) {
      case "", "~", "null", "Null", "NULL" -> true;
      default -> false;
    };
  }

  static boolean isScalar(Node n) {
    return n != null && n.getNodeType() == NodeType.SCALAR;
  }

  /**
   * The value of a scalar with every character mapped to the global offset it was read from. The
   * value and the raw text are walked together: each non-blank value character is matched with
   * the next equal raw character; blanks (folded line breaks, indentation) take the current place.
   */
  MappedText mapped(ScalarNode n) {
    String v = n.getValue();
    String raw = source.text();
    int start = pos(n) - base;
    int end = Math.max(start, end(n) - base);
    int r = switch (n.getScalarStyle()) {
      case DOUBLE_QUOTED, SINGLE_QUOTED -> start + 1;
      case LITERAL, FOLDED -> {
        int nl = raw.indexOf('\n', start);
        yield nl < 0 || nl >= end ? start : nl + 1;
      }
      default -> start;
    };
    int[] p = new int[v.length() + 1];
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!Character.isWhitespace(c)) {
        int j = r;
        while (j < end && raw.charAt(j) != c) {
          j++;
        }
        if (j < end) {
          r = j;
        }
        p[i] = base + Math.min(r, raw.length());
        if (j < end) {
          r = j + 1;
        }
      } else {
        p[i] = base + Math.min(r, raw.length());
      }
    }
    p[v.length()] = base + Math.min(r, raw.length());
    return new MappedText(v, p);
  }
}
