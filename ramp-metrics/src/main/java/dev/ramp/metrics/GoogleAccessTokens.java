package dev.ramp.metrics;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.IOException;
import java.util.List;

/**
 * Access tokens of the controller's Google credentials, scoped to read Cloud Monitoring. The
 * credentials are found once (Application Default Credentials: GOOGLE_APPLICATION_CREDENTIALS,
 * Workload Identity's metadata server, ...) and Google's library keeps the token, fetching a new
 * one when it is about to expire, so measurements do not each ask for one.
 */
final class GoogleAccessTokens {
  static final String MONITORING_READ = "https://www.googleapis.com/auth/monitoring.read";

  /** Where the credentials come from: Application Default Credentials, or a test's. */
  @FunctionalInterface
  interface Source {
    GoogleCredentials load() throws IOException;
  }

  private final Source source;
  private GoogleCredentials credentials;

  GoogleAccessTokens(Source source) {
    this.source = source;
  }

  /** A valid access token; the one kept unless it is about to expire. */
  synchronized String token() throws MeasurementException {
    if (credentials == null) {
      try {
        credentials = source.load().createScoped(List.of(MONITORING_READ));
      } catch (IOException e) {
        // not kept: the next measurement looks again (a key mounted late, say)
        throw new MeasurementException("Google's Application Default Credentials could not"
            + " be loaded: " + said(e));
      }
    }
    try {
      credentials.refreshIfExpired();
    } catch (IOException e) {
      throw new MeasurementException("no access token for " + describe() + ": " + said(e));
    }
    AccessToken token = credentials.getAccessToken();
    if (token == null) {
      throw new MeasurementException("no access token for " + describe());
    }
    return token.getTokenValue();
  }

  /** How refusals name the credential: the service account, when it is one. */
  synchronized String describe() {
    return credentials instanceof ServiceAccountCredentials account
        ? "the service account " + account.getClientEmail()
        : "Google's Application Default Credentials";
  }

  /**
   * The library's message on one line and short: it names files, the token URL and the token
   * endpoint's answer, never the key nor a token.
   */
  private static String said(IOException e) {
    return HttpCall.excerpt(String.valueOf(e.getMessage()), List.of());
  }
}
