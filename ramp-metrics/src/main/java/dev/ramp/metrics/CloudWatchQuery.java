package dev.ramp.metrics;

import dev.ramp.metrics.CloudWatchConnection.Identity;
import dev.ramp.metrics.HttpCall.Refusal;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MessageData;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * GetMetricData calls: what the CloudWatch provider and the compare metric's CloudWatch counters
 * share. A call is bounded by the metric's timeout, the SDK's own retries (of throttling and
 * server failures, with backoff) included; an answer is only read when it is complete (no
 * NextToken, every result Complete). Every failure names the queries and what CloudWatch said,
 * never a credential.
 */
final class CloudWatchQuery {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Error codes of a refused identity, whatever status carries them. */
  private static final Set<String> REFUSED = Set.of("AccessDenied", "AccessDeniedException",
      "NotAuthorized", "InvalidClientTokenId", "UnrecognizedClientException",
      "SignatureDoesNotMatch", "IncompleteSignature", "MissingAuthenticationToken",
      "ExpiredToken", "ExpiredTokenException");

  /** What a caller makes of the results; its failures are told as the answer's. */
  @FunctionalInterface
  interface Reading<T> {
    T read(List<MetricDataResult> results) throws MeasurementException;
  }

  private final CloudWatchConnection connection;
  private final Duration timeout;

  CloudWatchQuery(CloudWatchConnection connection, Duration timeout) {
    this.connection = connection;
    this.timeout = timeout;
  }

  /** Runs the queries over {@code [from, to]} and reads the results they return. */
  <T> T run(List<MetricDataQuery> queries, Instant from, Instant to, Reading<T> reading)
      throws MeasurementException {
    try {
      Identity identity = connection.identity();
      GetMetricDataResponse answer = call(queries, from, to, identity);
      try {
        complete(answer);
        return reading.read(answer.metricDataResults());
      } catch (MeasurementException e) {
        throw new MeasurementException(connection.server() + " answered, but "
            + e.getMessage());
      }
    } catch (MeasurementException e) {
      throw new MeasurementException(name(queries) + ": " + e.getMessage());
    }
  }

  private GetMetricDataResponse call(List<MetricDataQuery> queries, Instant from, Instant to,
      Identity identity) throws MeasurementException {
    var client = connection.client();
    try {
      return client.getMetricData(request -> request.startTime(from).endTime(to)
          .metricDataQueries(queries)
          .overrideConfiguration(call -> call.apiCallTimeout(timeout)));
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      Refusal refusal = e.isThrottlingException() ? Refusal.RATE_LIMIT
          : REFUSED.contains(code) ? Refusal.CREDENTIAL : Refusal.of(e.statusCode());
      String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
      String said = (code == null ? "" : code + ": ") + (message == null ? "" : message);
      throw HttpCall.failure(refusal, e.statusCode(), Optional.empty(),
          HttpCall.excerpt(said, identity.secrets()), connection.server(),
          identity.credential());
    } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
      throw new MeasurementException(connection.server() + " did not answer within "
          + Timeouts.format(timeout));
    } catch (SdkClientException e) {
      throw new MeasurementException(connection.server() + " could not be reached: "
          + why(e));
    }
  }

  /** Fails unless the answer holds every result whole. */
  private static void complete(GetMetricDataResponse answer) throws MeasurementException {
    if (answer.nextToken() != null) {
      throw new MeasurementException("with more data than one answer holds (NextToken): a"
          + " partial result; ask for fewer data points (a longer period or a shorter"
          + " interval)");
    }
    for (MetricDataResult result : answer.metricDataResults()) {
      if (result.statusCode() != StatusCode.COMPLETE) {
        throw new MeasurementException("result " + result.id() + " is "
            + result.statusCodeAsString() + (result.statusCode() == StatusCode.PARTIAL_DATA
                ? ": a partial result" : "") + messages(result.messages()));
      }
    }
  }

  private static String messages(List<MessageData> messages) {
    return messages.isEmpty() ? "" : " (" + messages.stream()
        .map(message -> message.code() + ": " + message.value())
        .collect(Collectors.joining("; ")) + ")";
  }

  /** How messages name the queries: each id, and an expression's text. */
  private static String name(List<MetricDataQuery> queries) {
    return "CloudWatch " + (queries.size() == 1 ? "query " : "queries ") + queries.stream()
        .map(query -> query.expression() == null ? String.valueOf(query.id())
            : query.id() + " \"" + query.expression() + "\"")
        .collect(Collectors.joining(", "));
  }

  private static String why(SdkClientException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnknownHostException) {
        return "unknown host";
      }
      if (cause instanceof ConnectException) {
        return "connection refused";
      }
    }
    return failure.getMessage();
  }
}
