package dev.ramp.engine.spec;

import java.util.regex.Pattern;

/**
 * Kubernetes' syntax for label keys, label values and annotation keys. The API server checks it
 * on the ReplicaSets and Services Ramp writes, not on the pod template inside a Rollout, so Ramp
 * checks it before copying the template's labels anywhere.
 */
final class LabelSyntax {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final int NAME_CHARS = 63;
  private static final int PREFIX_CHARS = 253;
  private static final String NAME_RULE = "63 characters or less: letters, digits, '-', '_' or '.',"
      + " beginning and ending with a letter or digit";
  private static final String KEY_RULE = "an optional DNS subdomain prefix and '/', then "
      + NAME_RULE;

  private LabelSyntax() {}

  /** Why the text is not a label key or annotation key, or null when it is one. */
  static String keyProblem(String key) {
    int slash = key.indexOf('/');
    String prefix = slash < 0 ? null : key.substring(0, slash);
    String name = slash < 0 ? key : key.substring(slash + 1);
    boolean ok = isName(name) && (prefix == null
        || (prefix.length() <= PREFIX_CHARS && DNS_SUBDOMAIN.matcher(prefix).matches()));
    return ok ? null : "\"" + key + "\" is not a valid key (" + KEY_RULE + ")";
  }

  /** Why the text is not a label value, or null when it is one. */
  static String valueProblem(String value) {
    if (value == null) {
      return "null is not a valid label value: write \"\" for an empty one";
    }
    return value.isEmpty() || isName(value) ? null
        : "\"" + value + "\" is not a valid label value (" + NAME_RULE + ")";
  }

  private static boolean isName(String text) {
    return text.length() <= NAME_CHARS && NAME.matcher(text).matches();
  }
}
