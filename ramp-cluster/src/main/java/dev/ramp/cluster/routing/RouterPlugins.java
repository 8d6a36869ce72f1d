package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The port through which the plugin router talks to router plugins (the protocol is described in
 * docs/router-plugins.md). The controller adapts HTTP to it; places that have no network, like
 * the virtual cluster, have {@link #NONE}.
 */
public interface RouterPlugins {

  /**
   * Sends one operation's request to the plugin and returns its answer.
   *
   * @param url the plugin's base URL, from the rollout's spec
   * @param operation the operation, such as {@code read} or {@code apply}
   * @param token the bearer token to send, or null for none
   * @throws RouterProblem saying what went wrong in words a person understands: the plugin is
   *     unreachable, did not answer in time, refused the token, failed, or gave an answer that is
   *     not a JSON object
   */
  ObjectNode send(String url, String operation, ObjectNode request, BearerToken token);

  /** A token to send, and where it was read, so that a refusal can name the Secret. */
  record BearerToken(String value, String source) {
    @Override
    public String toString() {
      return "token from " + source;
    }
  }

  /** Where router plugins cannot be reached. */
  RouterPlugins NONE = (url, operation, request, token) -> {
    throw new RouterProblem("router plugins need the controller: " + url + " cannot be reached"
        + " from here");
  };
}
