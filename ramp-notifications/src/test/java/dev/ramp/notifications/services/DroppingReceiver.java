package dev.ramp.notifications.services;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A receiver that reads the start of each request and closes the connection unanswered. */
final class DroppingReceiver implements AutoCloseable {
  private final ServerSocket socket;

  DroppingReceiver() throws IOException {
    socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread accepting = new Thread(this::dropAll, "dropping-receiver");
    accepting.setDaemon(true);
    accepting.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  private void dropAll() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        InputStream in = connection.getInputStream();
        in.read(new byte[1024]);
      } catch (IOException closedOrDropped) {
        // the next connection, or the end when the socket is closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
