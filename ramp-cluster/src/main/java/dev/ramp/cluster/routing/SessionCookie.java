package dev.ramp.cluster.routing;

import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.StringMatch;
import dev.ramp.engine.Action;

/**
 * The cookie that keeps a user on the canary ({@code name=value}): the Set-Cookie header the
 * canary's responses carry, and the match on the Cookie header of the requests that carry it.
 */
record SessionCookie(String cookie) {
  static final String SET_COOKIE = "Set-Cookie";

  static SessionCookie of(Action.SetSessionAffinity affinity) {
    return new SessionCookie(affinity.cookieName() + "=" + affinity.cookieValue());
  }

  /** The Set-Cookie header's value: for the whole site, for {@code maxAge} seconds. */
  static String setCookie(Action.SetSessionAffinity affinity) {
    return of(affinity).cookie + "; Max-Age=" + affinity.maxAge() + "; Path=/";
  }

  /** Whether a Set-Cookie header's value is this cookie's. */
  boolean setBy(String setCookie) {
    return setCookie != null && setCookie.startsWith(cookie + ";");
  }

  /**
   * Requests carrying the cookie, among any others: a regular expression on the Cookie header
   * (lower case, as Istio wants header names) that matches all of the header, as Envoy matches.
   */
  HeaderMatch match() {
    HeaderMatch match = new HeaderMatch();
    match.headerName = "cookie";
    match.headerValue = new StringMatch();
    match.headerValue.regex = "(.*;\\s*)?" + quoted(cookie) + "(;.*)?";
    return match;
  }

  /** Every character but letters and digits escaped: a cookie name may hold . + * ^ $ |. */
  private static String quoted(String text) {
    StringBuilder quoted = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (!Character.isLetterOrDigit(c)) {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return quoted.toString();
  }
}
