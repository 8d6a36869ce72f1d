package dev.ramp.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * InfluxDB 2.x's query API on loopback, as documented in "InfluxDB OSS v2 API: PostQuery"
 * (docs.influxdata.com/influxdb/v2/api/#operation/PostQuery): each request must be
 * {@code POST /api/v2/query?org=<org>} with {@code Authorization: Token <token>},
 * {@code Accept: application/csv}, {@code Content-Type: application/json} and a JSON body with
 * {@code query} and {@code type: flux}. A request that is not is answered 400 with what is wrong;
 * a wrong token 401 with the documented {@code {"code":"unauthorized",…}} body. Each query text
 * is answered as the test registered it.
 */
final class FakeInfluxDb2 extends FakeApi<FakeInfluxDb2.Answer, Instant> {
  static final String ORG = "ramp-org";
  static final String TOKEN = "influx-t0ken-s3cret";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An answer; status 0 means none: the server holds the request until closed. */
  record Answer(int status, String contentType, String body, Map<String, String> headers)
      implements FakeApi.Reply {
    /** An annotated-CSV answer, written with \n and sent with CRLF as InfluxDB sends it. */
    static Answer csv(String csv) {
      return new Answer(200, "text/csv; charset=utf-8", csv.replace("\n", "\r\n"), Map.of());
    }

    static Answer json(int status, String json, Map<String, String> headers) {
      return new Answer(status, "application/json; charset=utf-8", json, headers);
    }
  }

  FakeInfluxDb2() throws IOException {
    serve(Map.of("/api/v2/query", this::query));
  }

  private void query(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    String wrong = wrong(exchange, body);
    if (wrong != null) {
      LoopbackHttp.answer(exchange, 400, "application/json",
          "{\"code\":\"invalid\",\"message\":\"" + wrong + "\"}");
      return;
    }
    if (!("Token " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      LoopbackHttp.answer(exchange, 401, "application/json",
          "{\"code\":\"unauthorized\",\"message\":\"unauthorized access\"}");
      return;
    }
    reply(exchange, body.path("query").asText(), Instant.now(), new Answer(400,
        "application/json", "{\"code\":\"invalid\",\"message\":\"no answer registered for this"
            + " query\"}", Map.of()));
  }

  /** What the request does differently from the documented API, or null. */
  private static String wrong(HttpExchange exchange, JsonNode body) {
    if (!exchange.getRequestMethod().equals("POST")) {
      return "method " + exchange.getRequestMethod() + ", not POST";
    }
    if (!("org=" + ORG).equals(exchange.getRequestURI().getRawQuery())) {
      return "query string " + exchange.getRequestURI().getRawQuery() + ", not org=" + ORG;
    }
    String accept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept"));
    String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
    if (!accept.equals("application/csv") || !type.startsWith("application/json")) {
      return "Accept " + accept + " and Content-Type " + type;
    }
    if (body == null || !body.path("query").isTextual()
        || !"flux".equals(body.path("type").asText())) {
      return "a body without query or type flux";
    }
    return null;
  }
}
