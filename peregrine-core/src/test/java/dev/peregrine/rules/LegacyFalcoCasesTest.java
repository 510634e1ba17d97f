package dev.peregrine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.diag.Issue;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Falco's legacy regression cases (falco_tests.yaml): rules files, read from the shared upstream
 * copy, with the error code and message each one expects (empty: loads without errors).
 */
class LegacyFalcoCasesTest {
  private static final String DIR = "upstream/falco-engine-tests/legacy-2583ea9b/test/rules";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "invalid_not_yaml.yaml|LOAD_ERR_YAML_VALIDATE|Rules content is not yaml",
    "invalid_not_array.yaml|LOAD_ERR_YAML_VALIDATE|Rules content is not yaml array of objects",
    "invalid_array_item_not_object.yaml|LOAD_ERR_YAML_VALIDATE|Unexpected element type.",
    "invalid_yaml_parse_error.yaml|LOAD_ERR_YAML_PARSE|error at line 1, column 11",
    "invalid_list_without_items.yaml|LOAD_ERR_YAML_VALIDATE|Item has no mapping for key 'items'",
    "invalid_macro_without_condition.yaml|LOAD_ERR_YAML_VALIDATE|Item has no mapping for key",
    "invalid_rule_without_output.yaml|LOAD_ERR_YAML_VALIDATE|Item has no mapping for key"
        + " 'output'",
    "invalid_macro_loop.yaml|LOAD_ERR_VALIDATE|reference loop in macro",
    "invalid_append_rule_without_condition.yaml|LOAD_ERR_VALIDATE|Appended rule must have"
        + " exceptions or condition property",
    "invalid_append_macro_dangling.yaml|LOAD_ERR_VALIDATE|Macro uses 'append'",
    "list_append_failure.yaml|LOAD_ERR_VALIDATE|List uses 'append'",
    "rule_append_failure.yaml|LOAD_ERR_VALIDATE|Rule uses 'append'",
    "invalid_macro_comple_error.yaml|LOAD_ERR_VALIDATE|Undefined macro 'gak' used in filter.",
    "engine_version_mismatch.yaml|LOAD_ERR_VALIDATE|Rules require engine version",
    "invalid_missing_rule_name.yaml|LOAD_ERR_YAML_VALIDATE|Mapping for key 'rule' is empty",
    "invalid_condition_not_rule.yaml|LOAD_ERR_YAML_VALIDATE|Mapping for key 'condition' is empty",
    "invalid_append_rule_multiple_docs.yaml|LOAD_ERR_COMPILE_CONDITION|unexpected token after",
    "list_sub_bare.yaml||", "list_sub_front.yaml||", "list_sub_mid.yaml||",
    "list_sub_end.yaml||", "list_sub_whitespace.yaml||", "list_substring.yaml||",
    "list_order.yaml||", "list_append.yaml||", "list_append_false.yaml||",
    "macro_append.yaml||", "macro_order.yaml||", "rule_append.yaml||", "override_list.yaml||",
    "override_macro.yaml||", "override_nested_list.yaml||", "override_rule.yaml||",
    "invalid_list_loop.yaml||", "rule_names_with_spaces.yaml||", "multiple_docs.yaml||",
    "single_rule.yaml,double_rule.yaml||", "single_rule.yaml,override_rule.yaml||",
    "single_rule.yaml,disabled_rule_using_enabled_flag_only.yaml||",
  })
  void legacyCase(String files, String code, String message) {
    Path dir = Loads.shared(DIR);
    LoadResult r = new RulesLoader().load(
        Stream.of(files.split(",")).map(f -> Loads.input(dir.resolve(f))).toList());
    if (code == null) {
      assertThat(Loads.errors(r)).as(files).isEmpty();
      return;
    }
    assertThat(r.issues()).filteredOn(Issue::isError).as(files).first().satisfies(i -> {
      assertThat(i.code()).isEqualTo(code);
      assertThat(i.message()).contains(message);
    });
  }
}
