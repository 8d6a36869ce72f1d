package dev.ramp.metrics;

import java.net.http.HttpRequest;
import java.util.List;

/** Signs each request of a provider whose server authenticates requests by their signature. */
interface RequestSigning {
  Signed sign(HttpRequest request) throws MeasurementException;

  /**
   * A signed request.
   *
   * @param credential how a refusal names what signed it, e.g. "the SigV4 signature of AWS
   *     profile prod", never a key
   * @param secrets what the answer must not repeat into a message: the key id, the signature
   */
  record Signed(HttpRequest request, String credential, List<String> secrets) {}
}
