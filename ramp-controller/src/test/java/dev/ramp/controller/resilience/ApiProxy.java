package dev.ramp.controller.resilience;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTTP/1.1 proxy on the loopback interface in front of the API server, through which a
 * controller under test talks to the cluster. A {@link Policy} sees each request and may answer
 * it with a fault instead of forwarding it; watches (WebSocket upgrades and streamed responses)
 * are relayed as they flow. {@link #close} cuts every connection at once, which is how a test
 * kills a controller: from that moment nothing it sends reaches the API server.
 */
final class ApiProxy implements Closeable {
  private static final int MAX_HEAD = 64 * 1024;

  /** One request as the proxy sees it (the body is empty for reads). */
  record Call(String method, String path, boolean upgrade, String body) {
    boolean isWrite() {
      return !method.equals("GET") && !method.equals("HEAD");
    }

    boolean isWatch() {
      return upgrade || path.contains("watch=true");
    }

    /** The path without its query. */
    String resource() {
      int query = path.indexOf('?');
      return query < 0 ? path : path.substring(0, query);
    }
  }

  /** What happens to one request. */
  sealed interface Fault {
    /** Forwarded as it is. */
    record None() implements Fault {}

    /** Forwarded after a pause: a slow API server. */
    record Delay(long millis) implements Fault {}

    /** Forwarded at once; the answer is relayed after a pause. */
    record DelayAnswer(long millis) implements Fault {}

    /** Answered by the proxy with this status and, when positive, a Retry-After. */
    record Refuse(int code, int retryAfterSeconds) implements Fault {}

    /** The connection is closed before the request is forwarded. */
    record Drop() implements Fault {}

    /** Forwarded, then the connection is closed before the answer comes back. */
    record LoseResponse() implements Fault {}

    /** A watch that is forwarded and cut after a while. */
    record CutWatchAfter(long millis) implements Fault {}

    /** The proxy closes instead: the controller died before sending the request. */
    record Die() implements Fault {}

    Fault NONE = new None();
  }

  interface Policy {
    Fault before(Call call);

    /**
     * Called once the API server has answered, before the answer is relayed: true to close the
     * proxy, as if the controller died the moment its request was done.
     */
    default boolean dieAfter(Call call, int status) {
      return false;
    }
  }

  private final String upstreamHost;
  private final int upstreamPort;
  private final Policy policy;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  ApiProxy(String upstreamUrl, Policy policy) {
    URI upstream = URI.create(upstreamUrl);
    this.upstreamHost = upstream.getHost();
    this.upstreamPort = upstream.getPort();
    this.policy = policy;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on the loopback interface", e);
    }
    daemon("api-proxy-accept", this::accept).start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    open.forEach(ApiProxy::closeQuietly);
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        track(client);
        daemon("api-proxy-connection", () -> serve(client)).start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    Socket upstream = null;
    try (client) {
      InputStream fromClient = new BufferedInputStream(client.getInputStream());
      OutputStream toClient = new BufferedOutputStream(client.getOutputStream());
      InputStream fromUpstream = null;
      OutputStream toUpstream = null;
      while (!closed) {
        Head request = Head.read(fromClient);
        if (request == null) {
          return;
        }
        byte[] body = Body.read(fromClient, request);
        Call call = new Call(request.first[0], request.first[1],
            "websocket".equalsIgnoreCase(request.header("Upgrade")),
            new String(body, StandardCharsets.UTF_8));
        Fault fault = policy.before(call);
        if (fault instanceof Fault.Die) {
          close();
          return;
        }
        if (fault instanceof Fault.Drop) {
          return;
        }
        if (fault instanceof Fault.Refuse refuse) {
          toClient.write(refusal(refuse));
          toClient.flush();
          continue;
        }
        if (fault instanceof Fault.Delay delay) {
          Thread.sleep(delay.millis());
        }
        if (upstream == null) {
          upstream = track(new Socket(upstreamHost, upstreamPort));
          fromUpstream = new BufferedInputStream(upstream.getInputStream());
          toUpstream = new BufferedOutputStream(upstream.getOutputStream());
        }
        toUpstream.write(request.forwarded(body.length));
        toUpstream.write(body);
        toUpstream.flush();
        Head response = Head.read(fromUpstream);
        if (response == null) {
          return;
        }
        int status = Integer.parseInt(response.first[1]);
        if (fault instanceof Fault.DelayAnswer late) {
          Thread.sleep(late.millis());
        }
        if (policy.dieAfter(call, status)) {
          close();
          return;
        }
        if (fault instanceof Fault.LoseResponse) {
          return;
        }
        toClient.write(response.raw());
        if (fault instanceof Fault.CutWatchAfter cut) {
          cutLater(cut.millis(), client, upstream);
        }
        if (status == 101) {
          toClient.flush();
          // a WebSocket: bytes flow both ways until a side closes
          OutputStream toServer = upstream.getOutputStream();
          daemon("api-proxy-ws", () -> copy(fromClient, toServer)).start();
          copy(fromUpstream, toClient);
          return;
        }
        Body.relay(fromUpstream, toClient, response, request.first[0]);
        if (response.closesAfter() || request.closesAfter()) {
          return;
        }
      }
    } catch (IOException e) {
      // a side went away: so does the other
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(upstream);
      open.remove(client);
      if (upstream != null) {
        open.remove(upstream);
      }
    }
  }

  /** Copies until either side closes; the caller's finally then closes both sockets. */
  private static void copy(InputStream in, OutputStream out) {
    try {
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
      out.close();
    } catch (IOException e) {
      // closed
    }
  }

  private static void cutLater(long millis, Socket client, Socket upstream) {
    daemon("api-proxy-cut", () -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        return;
      }
      closeQuietly(client);
      closeQuietly(upstream);
    }).start();
  }

  private Socket track(Socket socket) {
    open.add(socket);
    if (closed) {
      closeQuietly(socket);
    }
    return socket;
  }

  private static byte[] refusal(Fault.Refuse refuse) {
    String reason = switch (refuse.code()) {
      case 403 -> "Forbidden";
      case 409 -> "Conflict";
      case 429 -> "TooManyRequests";
      default -> "InternalError";
    };
    String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
        + "\"reason\":\"" + reason + "\",\"code\":" + refuse.code()
        + ",\"message\":\"injected by the test's API proxy\"}";
    String head = "HTTP/1.1 " + refuse.code() + " " + reason + "\r\n"
        + "Content-Type: application/json\r\n"
        + (refuse.retryAfterSeconds() > 0 ? "Retry-After: " + refuse.retryAfterSeconds() + "\r\n"
            : "")
        + "Content-Length: " + body.length() + "\r\n\r\n";
    return (head + body).getBytes(StandardCharsets.UTF_8);
  }

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (IOException e) {
      // already gone
    }
  }

  /** The start line and headers of a request or response. */
  private record Head(String[] first, List<String[]> headers) {
    static Head read(InputStream in) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          if (bytes.size() == 0) {
            return null;
          }
          throw new EOFException("connection closed in the middle of a message head");
        }
        bytes.write(b);
        matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        if (bytes.size() > MAX_HEAD) {
          throw new IOException("message head too long");
        }
      }
      String[] lines = bytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
      List<String[]> headers = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.add(new String[] {lines[i].substring(0, colon), lines[i].substring(colon + 1)
            .trim()});
      }
      return new Head(lines[0].split(" ", 3), headers);
    }

    String header(String name) {
      return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1])
          .findFirst().orElse(null);
    }

    boolean closesAfter() {
      return "close".equalsIgnoreCase(header("Connection"));
    }

    boolean chunked() {
      String encoding = header("Transfer-Encoding");
      return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /**
     * The request as forwarded: with its body's length, and without an offer to upgrade to
     * HTTP/2 (h2c), which the proxy does not speak.
     */
    byte[] forwarded(int bodyLength) {
      boolean h2c = "h2c".equalsIgnoreCase(header("Upgrade"));
      StringBuilder out = new StringBuilder(String.join(" ", first)).append("\r\n");
      for (String[] h : headers) {
        String name = h[0].toLowerCase(Locale.ROOT);
        boolean dropped = name.equals("content-length") || name.equals("transfer-encoding")
            || (h2c && (name.equals("upgrade") || name.equals("http2-settings")
                || name.equals("connection")));
        if (!dropped) {
          out.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
      }
      if (bodyLength > 0 || !first[0].equals("GET")) {
        out.append("Content-Length: ").append(bodyLength).append("\r\n");
      }
      return out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    byte[] raw() {
      StringBuilder out = new StringBuilder(String.join(" ", first)).append("\r\n");
      headers.forEach(h -> out.append(h[0]).append(": ").append(h[1]).append("\r\n"));
      return out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  /** Message bodies: read whole (requests) or relayed as they arrive (responses). */
  private static final class Body {
    static byte[] read(InputStream in, Head head) throws IOException {
      if (head.chunked()) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size; (size = chunkSize(in, null)) > 0; ) {
          body.write(in.readNBytes(size));
          line(in, null);
        }
        trailers(in, null);
        return body.toByteArray();
      }
      String length = head.header("Content-Length");
      return length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
    }

    /** Copies a response body, flushing as it goes so that watch events arrive at once. */
    static void relay(InputStream in, OutputStream out, Head head, String method)
        throws IOException {
      int status = Integer.parseInt(head.first[1]);
      if (method.equals("HEAD") || status == 204 || status == 304 || status < 200) {
        out.flush();
        return;
      }
      if (head.chunked()) {
        for (int size; (size = chunkSize(in, out)) > 0; ) {
          out.write(in.readNBytes(size));
          line(in, out);
          out.flush();
        }
        trailers(in, out);
      } else if (head.header("Content-Length") != null) {
        out.write(in.readNBytes(Integer.parseInt(head.header("Content-Length"))));
      } else {
        in.transferTo(out);
        throw new EOFException("a response without length ends with its connection");
      }
      out.flush();
    }

    private static int chunkSize(InputStream in, OutputStream copy) throws IOException {
      String line = line(in, copy);
      int extension = line.indexOf(';');
      return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private static void trailers(InputStream in, OutputStream copy) throws IOException {
      while (!line(in, copy).isEmpty()) {
        // trailers are passed on as they are
      }
    }

    /** Reads one CRLF-terminated line (copying it, CRLF included, when asked). */
    private static String line(InputStream in, OutputStream copy) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int previous = -1;
      for (int b; (b = in.read()) >= 0; previous = b) {
        if (previous == '\r' && b == '\n') {
          if (copy != null) {
            copy.write(bytes.toByteArray());
            copy.write('\n');
          }
          byte[] text = bytes.toByteArray();
          return new String(text, 0, text.length - 1, StandardCharsets.ISO_8859_1);
        }
        bytes.write(b);
      }
      throw new SocketException("connection closed in the middle of a chunked body");
    }
  }
}
