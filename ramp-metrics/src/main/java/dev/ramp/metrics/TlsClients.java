package dev.ramp.metrics;

import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP client for a metric's TLS settings: the shared client when it has none, one client
 * that skips verification, and one client per CA Secret key, kept for the next measurements so
 * that each does not build its own client and connections. A CA Secret key's client is replaced
 * when its PEM changes, so that rotating a CA leaves no client behind.
 */
final class TlsClients {
  private final HttpClient shared;
  private final Secrets secrets;
  private final Map<CaKey, Trusting> byCa = new ConcurrentHashMap<>();
  private HttpClient insecure;

  TlsClients(HttpClient shared, Secrets secrets) {
    this.shared = shared;
    this.secrets = secrets;
  }

  /**
   * @param insecure skip the verification of the server's certificate
   * @param ca the Secret key holding the PEM bundle of CAs to trust; null for the JVM's
   */
  HttpClient client(String namespace, boolean insecure, SecretKeySelector ca)
      throws MeasurementException {
    if (insecure) {
      return insecure();
    }
    if (ca == null) {
      return shared;
    }
    String pem = pem(namespace, ca);
    return byCa.compute(new CaKey(namespace, ca.getName(), ca.getKey()),
        (key, held) -> held != null && held.pem().equals(pem) ? held
            : new Trusting(pem, build(caTrust(pem)))).client();
  }

  private synchronized HttpClient insecure() {
    if (insecure == null) {
      insecure = build(new TrustingEveryone());
    }
    return insecure;
  }

  /** How many clients trusting a CA Secret key are kept. */
  int caClients() {
    return byCa.size();
  }

  private HttpClient build(TrustManager trust) {
    HttpClient.Builder client = HttpClient.newBuilder().sslContext(sslContext(trust))
        .followRedirects(shared.followRedirects());
    shared.connectTimeout().ifPresent(client::connectTimeout);
    return client.build();
  }

  private String pem(String namespace, SecretKeySelector ca) throws MeasurementException {
    String where = "key " + ca.getKey() + " of Secret " + ca.getName();
    String pem = secrets.require(namespace, ca.getName(), "the CA bundle").get(ca.getKey());
    if (pem == null) {
      throw new MeasurementException("the CA bundle, " + where + ", does not exist");
    }
    try {
      if (certificates(pem).isEmpty()) {
        throw new CertificateException("no certificate");
      }
    } catch (CertificateException e) {
      throw new MeasurementException("the CA bundle, " + where
          + ", is not PEM certificates (-----BEGIN CERTIFICATE-----)");
    }
    return pem;
  }

  private static Collection<? extends Certificate> certificates(String pem)
      throws CertificateException {
    return CertificateFactory.getInstance("X.509").generateCertificates(
        new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
  }

  private static SSLContext sslContext(TrustManager trust) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trust}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM has no TLS", e);
    }
  }

  private static TrustManager caTrust(String pem) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (Certificate certificate : certificates(pem)) {
        store.setCertificateEntry("ca-" + n++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers()[0];
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("a checked PEM bundle could not be loaded", e);
    }
  }

  /** Where a CA bundle is kept: one client per place, whatever it holds over time. */
  private record CaKey(String namespace, String secret, String key) {}

  /** The client trusting the CAs of a PEM bundle. */
  private record Trusting(String pem, HttpClient client) {}

  /**
   * Trusts any certificate for any host. An extended trust manager, so that the JDK does not
   * add its own host name check around it.
   */
  private static final class TrustingEveryone extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
