package dev.peregrine.auditpolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The apiserver's {@code ValidatePolicy}, check for check and in the same order: policy {@code
 * omitStages}, then per rule its level, non-resource URLs, resources, omitStages and the
 * resources/non-resource mix. Field paths and messages are the apiserver's. The loader's extra
 * check (at least one rule) is in {@link PolicyLoader}, not here, as upstream.
 */
public final class PolicyValidator {
  /** Issue code of a validation error. */
  public static final String CODE = "POLICY_ERR_VALIDATION";

  static final List<String> LEVELS = List.of("None", "Metadata", "Request", "RequestResponse");
  static final List<String> STAGES =
      List.of("RequestReceived", "ResponseStarted", "ResponseComplete", "Panic");

  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final String DNS1123_MESSAGE = "a lowercase RFC 1123 subdomain must consist of"
      + " lower case alphanumeric characters, '-' or '.', and must start and end with an"
      + " alphanumeric character (e.g. 'example.com', regex used for validation is"
      + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

  private final boolean allowGroupWildcard;

  /** Validation of Kubernetes 1.36 and later ({@code group: "*"} is allowed). */
  public PolicyValidator() {
    this(true);
  }

  /**
   * @param allowGroupWildcard false to validate as Kubernetes before 1.36, which rejects {@code
   *     group: "*"}
   */
  public PolicyValidator(boolean allowGroupWildcard) {
    this.allowGroupWildcard = allowGroupWildcard;
  }

  /** Every validation error of the policy, in the apiserver's order; empty when valid. */
  public List<FieldError> validate(Policy policy) {
    Locations loc = policy.locations();
    List<FieldError> errs = new ArrayList<>();
    stages(policy.omitStages(), "omitStages", loc, errs);
    for (int i = 0; i < policy.rules().size(); i++) {
      rule(policy.rules().get(i), "rules[" + i + "]", loc, errs);
    }
    return errs;
  }

  private void rule(PolicyRule r, String path, Locations loc, List<FieldError> errs) {
    String lp = path + ".level";
    if (r.level().isEmpty()) {
      errs.add(new FieldError(lp, FieldError.Type.REQUIRED, null, "", loc.of(lp)));
    } else if (!LEVELS.contains(r.level())) {
      errs.add(new FieldError(lp, FieldError.Type.NOT_SUPPORTED, goQuote(r.level()),
          "supported values: " + String.join(", ", LEVELS.stream().map(PolicyValidator::goQuote)
              .toList()), loc.of(lp)));
    }
    nonResourceUrls(r.nonResourceURLs(), path + ".nonResourceURLs", loc, errs);
    resources(r.resources(), path + ".resources", loc, errs);
    stages(r.omitStages(), path + ".omitStages", loc, errs);
    if (!r.nonResourceURLs().isEmpty() && (!r.resources().isEmpty()
        || !r.namespaces().isEmpty())) {
      String p = path + ".nonResourceURLs";
      errs.add(new FieldError(p, FieldError.Type.INVALID, goSlice(r.nonResourceURLs()),
          "rules cannot apply to both regular resources and non-resource URLs", loc.key(p)));
    }
  }

  private static void nonResourceUrls(List<String> urls, String path, Locations loc,
      List<FieldError> errs) {
    for (int i = 0; i < urls.size(); i++) {
      String url = urls.get(i);
      String p = path + "[" + i + "]";
      if (url.equals("*")) {
        continue;
      }
      if (!url.startsWith("/")) {
        errs.add(new FieldError(p, FieldError.Type.INVALID, goQuote(url),
            "non-resource URL rules must begin with a '/' character", loc.of(p)));
      }
      if (!url.isEmpty() && url.substring(0, url.length() - 1).contains("*")) {
        errs.add(new FieldError(p, FieldError.Type.INVALID, goQuote(url),
            "non-resource URL wildcards '*' must be the final character of the rule", loc.of(p)));
      }
    }
  }

  private void resources(List<GroupResources> grs, String path, Locations loc,
      List<FieldError> errs) {
    for (int j = 0; j < grs.size(); j++) {
      GroupResources gr = grs.get(j);
      String item = path + "[" + j + "]";
      String g = gr.group();
      boolean wildcard = allowGroupWildcard && g.equals("*");
      if (!g.isEmpty() && !wildcard) {
        List<String> msgs = new ArrayList<>();
        if (g.length() > 253) {
          msgs.add("must be no more than 253 characters");
        }
        if (!DNS1123_SUBDOMAIN.matcher(g).matches()) {
          msgs.add(DNS1123_MESSAGE);
        }
        if (!msgs.isEmpty()) {
          // The apiserver does not index this path: it names rules[i].resources.group.
          errs.add(new FieldError(path + ".group", FieldError.Type.INVALID, goQuote(g),
              String.join(",", msgs), loc.of(item + ".group")));
        }
      }
      if (!gr.resourceNames().isEmpty() && gr.resources().isEmpty()) {
        errs.add(new FieldError(path + ".resourceNames", FieldError.Type.INVALID,
            goSlice(gr.resourceNames()), "using resourceNames requires at least one resource",
            loc.key(item + ".resourceNames")));
      }
    }
  }

  private static void stages(List<String> stages, String path, Locations loc,
      List<FieldError> errs) {
    for (int i = 0; i < stages.size(); i++) {
      if (!STAGES.contains(stages.get(i))) {
        String p = path + "[" + i + "]";
        errs.add(new FieldError(p, FieldError.Type.INVALID, goQuote(stages.get(i)),
            "allowed stages are " + String.join(",", STAGES), loc.of(p)));
      }
    }
  }

  /** A string as Go's {@code %q} prints it. */
  static String goQuote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A string slice as Go's {@code %#v} prints it: {@code []string{"a", "b"}}. */
  static String goSlice(List<String> items) {
    return "[]string{" + String.join(", ", items.stream().map(PolicyValidator::goQuote).toList())
        + "}";
  }
}
