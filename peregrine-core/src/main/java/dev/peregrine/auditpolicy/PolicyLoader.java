package dev.peregrine.auditpolicy;

import dev.peregrine.diag.Issue;
import dev.peregrine.diag.Position;
import dev.peregrine.diag.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * What the apiserver does with {@code --audit-policy-file}: decode (only {@code audit.k8s.io/v1};
 * unknown and duplicate keys are a warning, then dropped or overridden), {@code ValidatePolicy},
 * and refuse a policy with no rules. The verdict says whether the apiserver would start with it.
 */
public final class PolicyLoader {
  /** Issue code of the loader's "0 rules" refusal. */
  public static final String CODE_NO_RULES = "POLICY_ERR_NO_RULES";

  private final PolicyReader reader = new PolicyReader();
  private final PolicyValidator validator;

  /** A loader that validates as Kubernetes 1.36 and later. */
  public PolicyLoader() {
    this(new PolicyValidator());
  }

  /** A loader with the given validator. */
  public PolicyLoader(PolicyValidator validator) {
    this.validator = validator;
  }

  /**
   * The loader's verdict.
   *
   * @param policy the decoded policy, or null when the text could not be decoded at all
   * @param validationErrors the {@code ValidatePolicy} errors
   * @param issues every error and warning (decode, validation, loader), as issues with positions
   */
  public record Verdict(Policy policy, List<FieldError> validationErrors, List<Issue> issues) {
    public Verdict {
      validationErrors = List.copyOf(validationErrors);
      issues = List.copyOf(issues);
    }

    /** True when the apiserver would load the policy. */
    public boolean accepted() {
      return policy != null && issues.stream().noneMatch(Issue::isError);
    }

    /**
     * The error the apiserver would stop with, in its words ({@code failed decoding: …}, the
     * validation errors, or {@code loaded illegal policy with 0 rules}); empty when accepted.
     */
    public java.util.Optional<String> apiserverMessage() {
      if (accepted()) {
        return java.util.Optional.empty();
      }
      for (Issue i : issues) {
        if (i.code().equals(PolicyReader.CODE_YAML) || i.code().equals(PolicyReader.CODE_DECODE)) {
          return java.util.Optional.of("failed decoding: " + i.message());
        }
      }
      if (!validationErrors.isEmpty()) {
        List<String> msgs = validationErrors.stream().map(FieldError::message).toList();
        return java.util.Optional.of(msgs.size() == 1 ? msgs.get(0)
            : "[" + String.join(", ", msgs) + "]");
      }
      return java.util.Optional.of("loaded illegal policy with 0 rules");
    }

    /** The errors only. */
    public List<Issue> errors() {
      return issues.stream().filter(Issue::isError).toList();
    }
  }

  /** Loads the policy text as the apiserver would. */
  public Verdict load(SourceFile file) {
    return verdict(reader.read(file));
  }

  /** The verdict on an already read policy. */
  Verdict verdict(PolicyReader.Result read) {
    List<Issue> issues = new ArrayList<>(read.issues());
    Policy p = read.policy();
    if (p == null) {
      return new Verdict(null, List.of(), issues);
    }
    issues.addAll(KeyProblems.issues(p));
    List<FieldError> errs = validator.validate(p);
    for (FieldError e : errs) {
      issues.add(e.toIssue(p.locations().file()));
    }
    if (p.rules().isEmpty() && !read.issues().stream().anyMatch(Issue::isError)) {
      Position pos = p.locations().has("rules") ? p.locations().of("rules")
          : p.locations().of("");
      issues.add(Issue.error(CODE_NO_RULES, p.locations().file(), pos,
          "loaded illegal policy with 0 rules: add at least one rule, e.g. - level: Metadata"));
    }
    return new Verdict(p, errs, issues);
  }
}
