package dev.ramp.metrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A compare metric's query or URL, in which {@code {{revision}}} stands for the revision read. */
final class RevisionTemplate {
  private static final Pattern REVISION = Pattern.compile("\\{\\{\\s*revision\\s*}}");

  private final String template;

  private RevisionTemplate(String template) {
    this.template = template;
  }

  /**
   * @param what how messages name the template, e.g. "the events query"
   * @throws MeasurementException when the template has no {@code {{revision}}}: the canary and
   *     the stable revision would then read the same counter and always look alike
   */
  static RevisionTemplate of(String template, String what) throws MeasurementException {
    if (template == null || !REVISION.matcher(template).find()) {
      throw new MeasurementException(what + " has no {{revision}}, so the canary and the stable"
          + " revision would read the same counter");
    }
    return new RevisionTemplate(template);
  }

  String forRevision(String revision) {
    return replace(template, revision);
  }

  /**
   * {@code text} with {@code {{revision}}} replaced, for queries of several parts (CloudWatch's
   * dimensions) of which {@link #of} checks the whole; text without it is left as it is.
   */
  static String replace(String text, String revision) {
    return text == null ? null
        : REVISION.matcher(text).replaceAll(Matcher.quoteReplacement(revision));
  }
}
