package dev.ramp.notifications.services;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * STARTTLS in front of GreenMail's SMTP server, which has none: answers the client's first EHLO
 * offering STARTTLS, encrypts the connection with GreenMail's own test certificate, then relays
 * the rest of the session (the client's second EHLO, its login, the mail) to GreenMail as it is.
 */
final class StartTlsFront implements AutoCloseable {
  private final ServerSocket socket;
  private final int smtpPort;
  private final SSLContext tls;
  private final AtomicInteger encrypted = new AtomicInteger();

  StartTlsFront(int smtpPort) throws Exception {
    this.smtpPort = smtpPort;
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = getClass().getResourceAsStream("/greenmail.p12")) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, "changeit".toCharArray());
    tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);
    socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread accepting = new Thread(this::serve, "starttls-front");
    accepting.setDaemon(true);
    accepting.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  /** How many sessions were encrypted before anything reached GreenMail after its greeting. */
  int encryptedSessions() {
    return encrypted.get();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Thread session = new Thread(() -> session(client), "starttls-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void session(Socket client) {
    try (client; Socket smtp = new Socket(InetAddress.getLoopbackAddress(), smtpPort)) {
      OutputStream toClient = client.getOutputStream();
      toClient.write((line(smtp.getInputStream()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      line(client.getInputStream()); // EHLO
      toClient.write("250-starttls-front\r\n250 STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
      if (!line(client.getInputStream()).equalsIgnoreCase("STARTTLS")) {
        toClient.write("530 5.7.0 Must issue a STARTTLS command first\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        return;
      }
      toClient.write("220 2.0.0 Ready to start TLS\r\n".getBytes(StandardCharsets.US_ASCII));
      SSLSocket secured = (SSLSocket) tls.getSocketFactory()
          .createSocket(client, null, client.getPort(), false);
      secured.setUseClientMode(false);
      secured.startHandshake();
      encrypted.incrementAndGet();
      Thread up = new Thread(() -> relay(secured, smtp), "starttls-up");
      up.setDaemon(true);
      up.start();
      relay(smtp, secured);
    } catch (IOException ended) {
      // the client or GreenMail closed the session
    }
  }

  private static void relay(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException ended) {
      // one side closed
    } finally {
      try {
        to.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  /** One SMTP line without its CRLF, read byte by byte so nothing after it is consumed. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
