package dev.ramp.notifications;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic webhook ({@code service.webhook.<name>: {url, headers: [{name, value}], secret,
 * timeout}}): the template's {@code webhook.<name>} section gives method, path (appended to the
 * url) and JSON body. Each request carries {@code Ramp-Delivery-Id} and {@code Ramp-Trigger}, and,
 * when a secret is set, {@code Ramp-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">} so that the receiver can check who sent it and when.
 */
public final class WebhookService implements NotificationService {
  public static final String DELIVERY_ID = "Ramp-Delivery-Id";
  public static final String TRIGGER = "Ramp-Trigger";
  public static final String SIGNATURE = "Ramp-Signature";
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final ServiceSettings settings;
  private final HttpSend http;
  private final URI url;
  private final Duration timeout;
  private final byte[] secret;

  public WebhookService(ServiceSettings settings, HttpSend http) {
    this.settings = settings;
    this.http = http;
    this.url = url(settings);
    this.timeout = timeout(settings);
    String key = settings.string("secret");
    this.secret = key == null || key.isEmpty() ? null : key.getBytes(StandardCharsets.UTF_8);
    headers(settings); // refused now rather than at the first send
  }

  @Override
  public SendResult send(Outgoing outgoing) {
    String name = settings.name();
    RenderedMessage message = outgoing.message();
    String body = message.field(name + ".body");
    String method = message.field(name + ".method");
    String path = message.field(name + ".path");
    HttpRequest.Builder request = HttpRequest.newBuilder(target(path))
        .timeout(timeout)
        .method(method == null || method.isBlank() ? "POST" : method.strip().toUpperCase(),
            HttpRequest.BodyPublishers.ofString(body == null ? "" : body, StandardCharsets.UTF_8))
        .header("Content-Type", "application/json")
        .header(DELIVERY_ID, outgoing.deliveryId())
        .header(TRIGGER, outgoing.trigger());
    for (Map.Entry<String, String> header : headers(settings).entrySet()) {
      request.header(header.getKey(), header.getValue());
    }
    if (secret != null) {
      request.header(SIGNATURE, signature(secret, System.currentTimeMillis() / 1000,
          body == null ? "" : body));
    }
    String who = "webhook " + name;
    HttpSend.Answer answer = http.send(request.build(), who);
    return answer instanceof HttpSend.Ok ok
        ? SendResult.Delivered.plainly(who + " answered " + ok.status())
        : ((HttpSend.NotOk) answer).result();
  }

  /** The value of the signature header for a body sent at {@code unixSeconds}. */
  public static String signature(byte[] key, long unixSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  private URI target(String path) {
    if (path == null || path.isBlank()) {
      return url;
    }
    String base = url.toString();
    return URI.create(base.endsWith("/") && path.startsWith("/") ? base + path.substring(1)
        : base + path);
  }

  private static URI url(ServiceSettings settings) {
    String url = settings.required("url");
    try {
      URI uri = URI.create(url.strip());
      if (uri.getScheme() == null || !uri.getScheme().matches("https?")) {
        throw new IllegalArgumentException("not http or https");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new NotificationConfigException("service." + settings.entryName()
          + ": \"url\" is not an http or https URL");
    }
  }

  private static Duration timeout(ServiceSettings settings) {
    String value = settings.string("timeout");
    if (value == null) {
      return DEFAULT_TIMEOUT;
    }
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new NotificationConfigException("service." + settings.entryName()
          + ": \"timeout\" " + e.getMessage());
    }
  }

  private static Map<String, String> headers(ServiceSettings settings) {
    Object value = settings.values().get("headers");
    if (value == null) {
      return Map.of();
    }
    String problem = "service." + settings.entryName()
        + ": \"headers\" must be a list of {name, value}";
    if (!(value instanceof List<?> list)) {
      throw new NotificationConfigException(problem);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> header) || header.get("name") == null) {
        throw new NotificationConfigException(problem);
      }
      headers.put(String.valueOf(header.get("name")),
          header.get("value") == null ? "" : String.valueOf(header.get("value")));
    }
    return headers;
  }
}
