package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** HTTPS servers on loopback with a self-signed certificate made by the JDK's keytool. */
final class LoopbackHttps {
  private static final String PASSWORD = "changeit";

  private LoopbackHttps() {}

  /** A self-signed certificate for 127.0.0.1: its keystore, and the certificate as PEM. */
  record Certificate(Path keystore, String pem) {}

  static Certificate selfSigned(Path dir, String name) throws IOException, InterruptedException {
    Path keystore = dir.resolve(name + ".p12");
    keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD);
    Path pem = dir.resolve(name + ".pem");
    keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keystore.toString(),
        "-storepass", PASSWORD, "-file", pem.toString());
    return new Certificate(keystore, Files.readString(pem));
  }

  /** A server presenting {@code certificate}, not started, so that the test adds contexts. */
  static HttpsServer server(Certificate certificate) throws IOException,
      GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificate.keystore())) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);

    HttpsServer server = HttpsServer.create(new InetSocketAddress(LoopbackHttp.LOOPBACK, 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.setExecutor(Executors.newCachedThreadPool());
    return server;
  }

  static String url(HttpsServer server) {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(
        List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(arguments));
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor()).as(output).isZero();
  }
}
