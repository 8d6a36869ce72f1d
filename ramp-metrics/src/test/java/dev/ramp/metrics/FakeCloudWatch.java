package dev.ramp.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Amazon CloudWatch's GetMetricData and STS's AssumeRoleWithWebIdentity on loopback, as the
 * AWS SDK for Java 2.59 speaks to them.
 *
 * <p>GetMetricData is Smithy's RPC v2 CBOR protocol ("RPC v2 CBOR protocol",
 * smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html): {@code POST
 * /service/GraniteServiceVersion20100801/operation/GetMetricData} with {@code smithy-protocol:
 * rpc-v2-cbor}, {@code Content-Type} and {@code Accept} {@code application/cbor} and a CBOR body;
 * CloudWatch is query compatible ("awsQueryCompatible trait",
 * smithy.io/2.0/aws/protocols/aws-query-protocol.html): requests carry
 * {@code x-amzn-query-mode: true} and an error's code is in {@code x-amzn-query-error:
 * Code;Sender}. The request's and answer's members are those of the CloudWatch API Reference's
 * "GetMetricData" (StartTime, EndTime, MetricDataQueries with Id, Expression, Label, MetricStat,
 * Period, ReturnData; MetricDataResults with Id, Label, Timestamps, Values, StatusCode Complete,
 * PartialData, InternalError or Forbidden, Messages; NextToken), and its errors those of
 * "Common Errors" (MissingParameter, InvalidParameterValue, Throttling 400; InternalFailure 500;
 * ServiceUnavailable 503); the messages of the request checks paraphrase CloudWatch's. Every
 * request must be signed with Signature Version 4 ("Signature Version 4 signing process",
 * docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html) for the service
 * {@code monitoring} in {@value #REGION}: the fake signs what it received again with the SDK's
 * own signer and the credentials the key id names, and compares; an unknown key is 403
 * InvalidClientTokenId, a wrong signature 403 SignatureDoesNotMatch, as AWS answers them.
 *
 * <p>AssumeRoleWithWebIdentity is STS's query protocol (STS API Reference,
 * "AssumeRoleWithWebIdentity"): {@code POST /} with a form of {@code Action}, {@code Version
 * 2011-06-15}, {@code RoleArn}, {@code RoleSessionName} and {@code WebIdentityToken}, answered
 * with the documented XML holding temporary credentials, which then sign GetMetricData with
 * their {@code X-Amz-Security-Token}.
 */
public final class FakeCloudWatch implements AutoCloseable {
  public static final String REGION = "eu-west-1";
  public static final String ACCESS_KEY = "AKIARAMPTESTKEY00001";
  public static final String SECRET_KEY = "ramp-t3st-s3cret-access-key";
  public static final String ROLE_ARN = "arn:aws:iam::123456789012:role/ramp-analysis";
  public static final String WEB_IDENTITY_TOKEN = "eyJhbGciOiJSUzI1NiJ9.ramp-test-token";
  static final String SESSION_KEY = "ASIARAMPSESSION00001";
  static final String SESSION_SECRET = "ramp-s3ssion-s3cret";
  static final String SESSION_TOKEN = "ramp-s3ssion-t0ken";

  private static final String PATH =
      "/service/GraniteServiceVersion20100801/operation/GetMetricData";
  private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256"
      + " Credential=([^/]+)/[^,]+, SignedHeaders=([^,]+), Signature=[0-9a-f]{64}");
  private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  /** A GetMetricData request as CloudWatch read it, signed by {@code accessKey}. */
  public record Asked(Instant start, Instant end, List<Map<String, Object>> queries,
      String accessKey, long atNanos) {
    /** The first query's Id, by which answers are registered. */
    public String key() {
      return String.valueOf(queries.get(0).get("Id"));
    }
  }

  /** One MetricDataResult: its values, newest first, a minute apart back from the end. */
  public record Result(String id, String statusCode, List<Double> values) {
    public static Result complete(String id, Double... values) {
      return new Result(id, "Complete", List.of(values));
    }
  }

  /** An answer; status 0 means none: the request is held until the fake is closed. */
  public record Answer(int status, List<Result> results, String nextToken, String code,
      String message) {
    public static final Answer NONE = new Answer(0, null, null, null, null);

    public static Answer of(Result... results) {
      return new Answer(200, List.of(results), null, null, null);
    }

    /** A first page: more data is there, behind {@code nextToken}. */
    public static Answer page(String nextToken, Result... results) {
      return new Answer(200, List.of(results), nextToken, null, null);
    }

    /** An error of "Common Errors", e.g. 400 Throttling "Rate exceeded". */
    public static Answer error(int status, String code, String message) {
      return new Answer(status, null, null, code, message);
    }
  }

  private final HttpServer server;
  private final Function<Asked, Answer> answers;
  private final Map<String, List<Answer>> registered = new ConcurrentHashMap<>();
  private final Map<String, List<Asked>> asked = new ConcurrentHashMap<>();
  private final Map<String, String> secrets = new ConcurrentHashMap<>(Map.of(
      ACCESS_KEY, SECRET_KEY));
  private final List<Map<String, String>> assumed = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);

  /** A fake answering each request as registered for its first query's Id. */
  public FakeCloudWatch() throws IOException {
    this(null);
  }

  /** A fake answering each request with {@code answers}' answer. */
  public FakeCloudWatch(Function<Asked, Answer> answers) throws IOException {
    this.answers = answers == null ? this::registered : answers;
    server = LoopbackHttp.server();
    server.createContext(PATH, this::getMetricData);
    server.createContext("/", this::sts);
    server.start();
  }

  /** The endpoint, as {@code AWS_ENDPOINT_URL} gives it. */
  public String endpoint() {
    return LoopbackHttp.url(server);
  }

  /** Answers requests whose first query has {@code id} with these in turn, the last from then on. */
  public void answer(String id, Answer... inTurn) {
    registered.put(id, List.of(inTurn));
  }

  public List<Asked> asked(String id) {
    return asked.getOrDefault(id, List.of());
  }

  /** The AssumeRoleWithWebIdentity forms received. */
  public List<Map<String, String>> assumed() {
    return assumed;
  }

  /**
   * Points the SDK's standard chains at this fake, as {@code AWS_*} environment variables would:
   * its region, endpoint, and the test's key in {@code aws.accessKeyId} and
   * {@code aws.secretAccessKey}; nothing on this machine (profile files, instance metadata) is
   * read.
   */
  public void useAsAwsAccount() {
    useAsEndpoint();
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
  }

  /** The region and endpoint only: credentials are up to the test. */
  public void useAsEndpoint() {
    System.setProperty("aws.region", REGION);
    System.setProperty("aws.endpointUrl", endpoint());
    System.setProperty("aws.sharedCredentialsFile", "no-such-file");
    System.setProperty("aws.configFile", "no-such-file");
    System.setProperty("aws.disableEc2Metadata", "true");
  }

  /** Forgets every aws.* system property {@link #useAsAwsAccount} or a test set. */
  public static void forgetAwsAccount() {
    for (String property : List.of("aws.region", "aws.endpointUrl", "aws.accessKeyId",
        "aws.secretAccessKey", "aws.sharedCredentialsFile", "aws.configFile",
        "aws.disableEc2Metadata", "aws.roleArn", "aws.webIdentityTokenFile",
        "aws.roleSessionName")) {
      System.clearProperty(property);
    }
  }

  private Answer registered(Asked request) {
    List<Answer> inTurn = registered.getOrDefault(request.key(), List.of(Answer.error(400,
        "InvalidParameterValue", "no answer registered for " + request.key())));
    return inTurn.get(Math.min(asked(request.key()).size() + 1, inTurn.size()) - 1);
  }

  private void getMetricData(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String wrongWire = !exchange.getRequestMethod().equals("POST") ? "method "
        + exchange.getRequestMethod() + ", not POST"
        : !"rpc-v2-cbor".equals(header(exchange, "smithy-protocol"))
            ? "smithy-protocol is not rpc-v2-cbor"
        : !"application/cbor".equals(header(exchange, "Content-Type"))
            ? "Content-Type is not application/cbor"
        : !"application/cbor".equals(header(exchange, "Accept"))
            ? "Accept is not application/cbor" : null;
    if (wrongWire != null) {
      error(exchange, Answer.error(400, "InvalidAction", wrongWire));
      return;
    }
    Answer refused = unsigned(exchange, body);
    if (refused != null) {
      error(exchange, refused);
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> input = (Map<String, Object>) Cbor.read(body);
    Answer invalid = invalid(input);
    if (invalid != null) {
      error(exchange, invalid);
      return;
    }
    @SuppressWarnings("unchecked")
    Asked request = new Asked((Instant) input.get("StartTime"), (Instant) input.get("EndTime"),
        (List<Map<String, Object>>) input.get("MetricDataQueries"), accessKey(exchange),
        System.nanoTime());
    Answer answer = answers.apply(request);
    asked.computeIfAbsent(request.key(), id -> new CopyOnWriteArrayList<>()).add(request);
    if (answer.status() == 0) {
      try {
        released.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (answer.code() != null) {
      error(exchange, answer);
    } else {
      send(exchange, 200, output(answer, request.end()));
    }
  }

  /** GetMetricDataOutput: the results, Messages, and NextToken when there is more. */
  private static Map<String, Object> output(Answer answer, Instant end) {
    List<Map<String, Object>> results = new ArrayList<>();
    for (Result result : answer.results()) {
      List<Instant> timestamps = new ArrayList<>();
      for (int i = 0; i < result.values().size(); i++) {
        timestamps.add(end.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(i + 1)));
      }
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("Id", result.id());
      one.put("Label", result.id());
      one.put("Timestamps", timestamps);
      one.put("Values", result.values());
      one.put("StatusCode", result.statusCode());
      one.put("Messages", result.statusCode().equals("Complete") ? List.of()
          : List.of(Map.of("Code", "MaxMetricsExceeded", "Value", "The maximum number of"
              + " data points was exceeded for " + result.id())));
      results.add(one);
    }
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("MetricDataResults", results);
    output.put("Messages", List.of());
    if (answer.nextToken() != null) {
      output.put("NextToken", answer.nextToken());
    }
    return output;
  }

  /** What CloudWatch refuses in a GetMetricData request, before it reads any metric. */
  @SuppressWarnings("unchecked")
  private static Answer invalid(Map<String, Object> input) {
    for (String member : List.of("StartTime", "EndTime")) {
      if (!(input.get(member) instanceof Instant)) {
        return missing(member);
      }
    }
    if (!((Instant) input.get("StartTime")).isBefore((Instant) input.get("EndTime"))) {
      return Answer.error(400, "InvalidParameterValue", "The parameter StartTime must be"
          + " less than the parameter EndTime.");
    }
    if (!(input.get("MetricDataQueries") instanceof List<?> queries) || queries.isEmpty()) {
      return missing("MetricDataQueries");
    }
    for (int i = 0; i < queries.size(); i++) {
      Map<String, Object> query = (Map<String, Object>) queries.get(i);
      String member = "MetricDataQueries.member." + (i + 1);
      if (!(query.get("Id") instanceof String id)) {
        return missing(member + ".Id");
      }
      if (!ID.matcher(id).matches()) {
        return Answer.error(400, "InvalidParameterValue", "The value " + id + " for parameter "
            + member + ".Id must start with a lowercase letter and hold only letters, digits"
            + " and _.");
      }
      if (query.containsKey("Expression") == query.containsKey("MetricStat")) {
        return Answer.error(400, "InvalidParameterCombination", "Exactly one of Expression and"
            + " MetricStat must be specified for " + member + ".");
      }
      if (query.get("MetricStat") instanceof Map<?, ?> stat) {
        for (String required : List.of("Metric", "Period", "Stat")) {
          if (!stat.containsKey(required)) {
            return missing(member + ".MetricStat." + required);
          }
        }
        Map<String, Object> metric = (Map<String, Object>) stat.get("Metric");
        for (String required : List.of("Namespace", "MetricName")) {
          if (!metric.containsKey(required)) {
            return missing(member + ".MetricStat.Metric." + required);
          }
        }
      }
    }
    return null;
  }

  private static Answer missing(String parameter) {
    return Answer.error(400, "MissingParameter", "The parameter " + parameter
        + " is required.");
  }

  /** The refusal of a request not signed by a known key, or null when it is. */
  private Answer unsigned(HttpExchange exchange, byte[] body) {
    Matcher authorization = AUTHORIZATION.matcher(String.valueOf(header(exchange,
        "Authorization")));
    String date = header(exchange, "X-Amz-Date");
    if (!authorization.matches() || date == null) {
      return Answer.error(403, "MissingAuthenticationToken", "Request is missing"
          + " Authentication Token");
    }
    String key = authorization.group(1);
    String secret = secrets.get(key);
    if (secret == null) {
      return Answer.error(403, "InvalidClientTokenId", "The security token included in the"
          + " request is invalid.");
    }
    Instant signedAt = LocalDateTime.parse(date, AMZ_DATE).toInstant(ZoneOffset.UTC);
    if (Duration.between(signedAt, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) > 0) {
      return Answer.error(403, "SignatureDoesNotMatch", "Signature expired: " + date);
    }
    SdkHttpRequest.Builder received = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
        .protocol("http").host(exchange.getLocalAddress().getHostString())
        .port(exchange.getLocalAddress().getPort())
        .encodedPath(exchange.getRequestURI().getRawPath());
    for (String name : authorization.group(2).split(";")) {
      if (!List.of("host", "x-amz-date", "x-amz-security-token").contains(name)) {
        received.putHeader(name, exchange.getRequestHeaders().get(name));
      }
    }
    AwsCredentialsIdentity identity = key.equals(SESSION_KEY)
        ? AwsSessionCredentialsIdentity.create(key, secret, SESSION_TOKEN)
        : AwsCredentialsIdentity.create(key, secret);
    String expected = AwsV4HttpSigner.create().sign(signing -> signing.identity(identity)
        .request(received.build()).payload(ContentStreamProvider.fromByteArray(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "monitoring")
        .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
        .request().firstMatchingHeader("Authorization").orElse("");
    return expected.equals(header(exchange, "Authorization")) ? null
        : Answer.error(403, "SignatureDoesNotMatch", "The request signature we calculated does"
            + " not match the signature you provided. Check your AWS Secret Access Key and"
            + " signing method.");
  }

  private static String accessKey(HttpExchange exchange) {
    Matcher authorization = AUTHORIZATION.matcher(header(exchange, "Authorization"));
    return authorization.matches() ? authorization.group(1) : null;
  }

  /** STS's AssumeRoleWithWebIdentity, for the role and token of this fake only. */
  private void sts(HttpExchange exchange) throws IOException {
    Map<String, String> form = new HashMap<>();
    for (String pair : new String(exchange.getRequestBody().readAllBytes(),
        StandardCharsets.UTF_8).split("&")) {
      String[] nameValue = pair.split("=", 2);
      form.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
          nameValue.length < 2 ? "" : URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
    }
    assumed.add(form);
    if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath()
        .equals("/") || !"AssumeRoleWithWebIdentity".equals(form.get("Action"))
        || !"2011-06-15".equals(form.get("Version"))) {
      stsError(exchange, 400, "InvalidAction", "Could not find operation "
          + form.get("Action") + " for version " + form.get("Version"));
    } else if (!ROLE_ARN.equals(form.get("RoleArn"))
        || !WEB_IDENTITY_TOKEN.equals(form.get("WebIdentityToken"))) {
      stsError(exchange, 403, "AccessDenied", "Not authorized to perform"
          + " sts:AssumeRoleWithWebIdentity");
    } else {
      secrets.put(SESSION_KEY, SESSION_SECRET);
      String expiration = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS)
          .toString();
      send(exchange, 200, "text/xml", ("<AssumeRoleWithWebIdentityResponse"
          + " xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
          + "<AssumeRoleWithWebIdentityResult>"
          + "<SubjectFromWebIdentityToken>system:serviceaccount:default:ramp"
          + "</SubjectFromWebIdentityToken>"
          + "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/ramp-analysis/"
          + form.get("RoleSessionName") + "</Arn><AssumedRoleId>AROARAMPTEST:"
          + form.get("RoleSessionName") + "</AssumedRoleId></AssumedRoleUser>"
          + "<Credentials><SessionToken>" + SESSION_TOKEN + "</SessionToken>"
          + "<SecretAccessKey>" + SESSION_SECRET + "</SecretAccessKey>"
          + "<Expiration>" + expiration + "</Expiration>"
          + "<AccessKeyId>" + SESSION_KEY + "</AccessKeyId></Credentials>"
          + "<Audience>sts.amazonaws.com</Audience>"
          + "</AssumeRoleWithWebIdentityResult>"
          + "<ResponseMetadata><RequestId>ramp-test</RequestId></ResponseMetadata>"
          + "</AssumeRoleWithWebIdentityResponse>").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void stsError(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    send(exchange, status, "text/xml", ("<ErrorResponse"
        + " xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
        + "<Code>" + code + "</Code><Message>" + message + "</Message></Error>"
        + "<RequestId>ramp-test</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8));
  }

  /** An RPC v2 CBOR error: {@code __type} and {@code message}, the code in x-amzn-query-error. */
  private static void error(HttpExchange exchange, Answer error) throws IOException {
    exchange.getResponseHeaders().set("x-amzn-query-error", error.code() + ";"
        + (error.status() >= 500 ? "Receiver" : "Sender"));
    send(exchange, error.status(), Map.of("__type", "com.amazonaws.cloudwatch#" + error.code(),
        "message", error.message()));
  }

  private static void send(HttpExchange exchange, int status, Map<String, Object> body)
      throws IOException {
    exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
    send(exchange, status, "application/cbor", Cbor.write(body));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String header(HttpExchange exchange, String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
