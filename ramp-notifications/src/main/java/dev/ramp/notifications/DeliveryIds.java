package dev.ramp.notifications;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A delivery's id: the same for the same notification, whoever computes it and when. */
public final class DeliveryIds {
  private DeliveryIds() {}

  /**
   * @param occurrence which firing of the trigger this is within the revision (the moment and
   *     the step of an Event, an AnalysisRun's name, a custom trigger's oncePer value)
   */
  public static String of(String rolloutUid, String revision, String trigger, String occurrence,
      String template, String service, String recipient) {
    String key = String.join("\n", rolloutUid, revision, trigger, occurrence, template, service,
        recipient);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
