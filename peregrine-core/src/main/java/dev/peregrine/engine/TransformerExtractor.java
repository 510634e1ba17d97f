package dev.peregrine.engine;

import dev.peregrine.field.Extractor;
import dev.peregrine.field.Extractors;
import dev.peregrine.field.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A transformer applied to field values, itself usable wherever a field is: {@code tolower},
 * {@code toupper}, {@code b64}, {@code basename} map each value (keeping list-ness); {@code len}
 * gives a number; {@code join} and {@code concat} give one string; {@code getopt} gives a list.
 */
final class TransformerExtractor {
  private TransformerExtractor() {}

  /**
   * Builds the transformer {@code name} over {@code args}.
   *
   * @param constant the constant argument ({@code join}'s separator, {@code getopt}'s optstring)
   * @throws IllegalArgumentException for an unknown transformer or wrong arguments
   */
  static Extractor of(String name, String constant, List<Extractor> args) {
    return switch (name) {
      case "tolower" -> map(one(name, args), Transforms::tolower);
      case "toupper" -> map(one(name, args), Transforms::toupper);
      case "b64" -> map(one(name, args), Transforms::b64);
      case "basename" -> map(one(name, args), Transforms::basename);
      case "len" -> len(one(name, args));
      case "join" -> join(constant == null ? "" : constant, one(name, args));
      case "concat" -> concat(args);
      case "getopt" -> getopt(one(name, args), constant == null ? "" : constant);
      default -> throw new IllegalArgumentException("unknown transformer '" + name + "'");
    };
  }

  private static Extractor one(String name, List<Extractor> args) {
    if (args.size() != 1) {
      throw new IllegalArgumentException(
          "transformer '" + name + "' expects one field argument, got " + args.size());
    }
    Extractor a = args.get(0);
    if (a.type() != FieldType.STRING && !name.equals("len")) {
      throw new IllegalArgumentException("transformer '" + name + "' needs a string field");
    }
    return a;
  }

  private static Extractor map(Extractor in, UnaryOperator<String> f) {
    if (!in.isList()) {
      return Extractors.text(e -> {
        String v = in.string(e);
        return v == null ? null : f.apply(v);
      });
    }
    return Extractors.textList(e -> {
      List<String> vs = in.list(e);
      if (vs == null) {
        return null;
      }
      List<String> out = new ArrayList<>(vs.size());
      for (String v : vs) {
        String r = f.apply(v);
        if (r != null) {
          out.add(r);
        }
      }
      return out;
    });
  }

  private static Extractor len(Extractor in) {
    if (in.isList()) {
      return Extractors.count(e -> {
        List<String> vs = in.list(e);
        return vs == null || vs.isEmpty() ? null : Transforms.len(vs);
      });
    }
    return Extractors.count(e -> {
      String v = in.string(e);
      return v == null ? null : Transforms.len(v);
    });
  }

  private static Extractor join(String sep, Extractor in) {
    return Extractors.text(e -> {
      List<String> vs = in.list(e);
      return vs == null || vs.isEmpty() ? null : Transforms.join(sep, vs);
    });
  }

  private static Extractor concat(List<Extractor> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("transformer 'concat' expects at least one field argument");
    }
    return Extractors.text(e -> {
      List<List<String>> values = new ArrayList<>();
      for (Extractor a : args) {
        List<String> vs = a.list(e);
        if (vs == null || vs.isEmpty()) {
          return null;
        }
        values.add(vs);
      }
      return Transforms.concat(values);
    });
  }

  private static Extractor getopt(Extractor in, String optstring) {
    return Extractors.textList(e -> {
      List<String> vs = in.list(e);
      return vs == null || vs.isEmpty() ? null : Transforms.getopt(vs, optstring);
    });
  }
}
