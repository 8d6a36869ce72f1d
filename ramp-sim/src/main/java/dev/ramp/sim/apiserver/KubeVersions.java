package dev.ramp.sim.apiserver;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders API versions the way the API server prefers them: GA before beta before alpha, higher
 * numbers first ({@code v2, v1, v1beta2, v1beta1, v1alpha1}), anything else last by name.
 */
final class KubeVersions {
  private static final Pattern VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

  static final Comparator<String> PREFERRED_FIRST =
      Comparator.comparingInt(KubeVersions::stability).reversed()
          .thenComparing(Comparator.comparingInt(KubeVersions::major).reversed())
          .thenComparing(Comparator.comparingInt(KubeVersions::minor).reversed())
          .thenComparing(Comparator.naturalOrder());

  private KubeVersions() {}

  private static int stability(String version) {
    Matcher m = VERSION.matcher(version);
    if (!m.matches()) {
      return 0;
    }
    return m.group(2) == null ? 3 : m.group(2).equals("beta") ? 2 : 1;
  }

  private static int major(String version) {
    Matcher m = VERSION.matcher(version);
    return m.matches() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static int minor(String version) {
    Matcher m = VERSION.matcher(version);
    return m.matches() && m.group(3) != null ? Integer.parseInt(m.group(3)) : 0;
  }
}
