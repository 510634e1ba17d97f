package dev.peregrine.rules;

/** Falco's load result codes and fixed messages (falco_load_result.h, rule_loading_messages.h). */
final class Codes {
  static final String ERR_YAML_PARSE = "LOAD_ERR_YAML_PARSE";
  static final String ERR_YAML_VALIDATE = "LOAD_ERR_YAML_VALIDATE";
  static final String ERR_VALIDATE = "LOAD_ERR_VALIDATE";
  static final String ERR_COMPILE_CONDITION = "LOAD_ERR_COMPILE_CONDITION";

  static final String UNKNOWN_ITEM = "LOAD_UNKNOWN_ITEM";
  static final String UNKNOWN_KEY = "LOAD_UNKNOWN_KEY";
  static final String DEPRECATED_ITEM = "LOAD_DEPRECATED_ITEM";
  static final String APPEND_NO_VALUES = "LOAD_APPEND_NO_VALUES";
  static final String EXCEPTION_NAME_NOT_UNIQUE = "LOAD_EXCEPTION_NAME_NOT_UNIQUE";
  static final String INVALID_MACRO_NAME = "LOAD_INVALID_MACRO_NAME";
  static final String INVALID_LIST_NAME = "LOAD_INVALID_LIST_NAME";
  static final String UNUSED_MACRO = "LOAD_UNUSED_MACRO";
  static final String UNUSED_LIST = "LOAD_UNUSED_LIST";

  static final String WARNING_APPEND =
      "'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under"
          + " 'override' instead.";
  static final String WARNING_ENABLED =
      "The standalone 'enabled' key usage is deprecated. The correct approach requires also a"
          + " 'replace' entry under the 'override' key (i.e. 'enabled: replace').";
  static final String ERROR_OVERRIDE_APPEND =
      "Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g."
          + " 'condition: append') under 'override' instead.";
  static final String ERROR_NO_PREVIOUS_MACRO =
      "Macro uses 'append' or 'override.condition: append' but no macro by that name already"
          + " exists";
  static final String ERROR_NO_PREVIOUS_LIST =
      "List uses 'append' or 'override.items: append' but no list by that name already exists";
  static final String ERROR_NO_PREVIOUS_RULE_APPEND =
      "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists";
  static final String ERROR_NO_PREVIOUS_RULE_REPLACE =
      "An 'override.<key>: replace' to a rule was requested but no rule by that name already"
          + " exists";
  static final String RGX_IDENTIFIER = "([a-zA-Z]+[a-zA-Z0-9_]*)";
  static final String RGX_BARESTR = "([^()\"'[:space:]=,]+)";
  static final String ERROR_INVALID_MACRO_NAME =
      "Macro has an invalid name. Macro names must match a regular expression: " + RGX_IDENTIFIER;
  static final String ERROR_INVALID_LIST_NAME =
      "List has an invalid name. List names must match a regular expression: " + RGX_BARESTR;

  private Codes() {}
}
