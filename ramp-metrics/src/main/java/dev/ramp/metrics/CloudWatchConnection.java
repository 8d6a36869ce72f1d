package dev.ramp.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.useragent.BusinessMetricFeatureId;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Ramp's one CloudWatch client, built at its first use and reused: the AWS SDK's, over the JDK's
 * HttpURLConnection, with the region and credentials of the standard AWS chains (environment,
 * Java system properties, web identity as EKS's IRSA sets it, profile files, container and
 * instance credentials) and the SDK's own endpoint settings ({@code AWS_ENDPOINT_URL},
 * {@code AWS_ENDPOINT_URL_CLOUDWATCH}, e.g. for a VPC endpoint).
 */
final class CloudWatchConnection {
  private static final String CHAIN = "the environment (AWS_ACCESS_KEY_ID and"
      + " AWS_SECRET_ACCESS_KEY), Java system properties (aws.accessKeyId), web identity"
      + " (AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE, as EKS sets them for a service"
      + " account), the AWS profile files, the container credentials endpoint and the EC2"
      + " instance profile";

  private final AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
  private CloudWatchClient client;
  private String server;

  /**
   * The credentials a call signs with: how messages name them, and the values an answer must
   * never repeat into a message.
   */
  record Identity(String credential, List<String> secrets) {}

  /** The client, built on first use; a region not found is told, and tried again next time. */
  synchronized CloudWatchClient client() throws MeasurementException {
    if (client == null) {
      Region region;
      try {
        region = new DefaultAwsRegionProviderChain().getRegion();
      } catch (SdkClientException e) {
        throw new MeasurementException("no AWS region found: set AWS_REGION in the"
            + " controller's environment (or region in its AWS profile)");
      }
      client = CloudWatchClient.builder().region(region).credentialsProvider(credentials)
          .httpClient(UrlConnectionHttpClient.create()).build();
      server = client.serviceClientConfiguration().endpointOverride()
          .map(endpoint -> "CloudWatch at " + endpoint).orElse("CloudWatch in " + region.id());
    }
    return client;
  }

  /** How messages name the service: its region, or the endpoint set instead. */
  synchronized String server() {
    return server;
  }

  /**
   * The credentials the next call signs with, as messages name them: where the chain found
   * them, never their values.
   */
  Identity identity() throws MeasurementException {
    AwsCredentials found;
    try {
      found = credentials.resolveCredentials();
    } catch (SdkClientException e) {
      throw new MeasurementException(webIdentityFailure().orElse(
          "no AWS credentials found: Ramp looked in " + CHAIN));
    }
    String source = found.providerName().map(CloudWatchConnection::source)
        .orElse("the standard chain");
    List<String> secrets = found instanceof AwsSessionCredentials session
        ? List.of(found.secretAccessKey(), session.sessionToken())
        : List.of(found.secretAccessKey());
    return new Identity("the AWS credentials of " + source, secrets);
  }

  /**
   * Why web identity failed, when it is set up: the chain only says that every source failed,
   * but with a role set, STS's refusal is what the user needs to read.
   */
  private static Optional<String> webIdentityFailure() {
    Optional<String> role = SdkSystemSetting.AWS_ROLE_ARN.getStringValue();
    if (role.isEmpty()) {
      return Optional.empty();
    }
    try (WebIdentityTokenFileCredentialsProvider webIdentity =
        WebIdentityTokenFileCredentialsProvider.create()) {
      webIdentity.resolveCredentials();
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of("web identity could not assume the role " + role.get() + ": "
          + e.getMessage());
    }
  }

  /**
   * The chain's provider as a person knows it, e.g. "web identity" for IRSA. The SDK names it
   * by the codes of its user agent's business metrics, e.g. "f" for system properties.
   */
  private static String source(String provider) {
    String features = Arrays.stream(provider.split(",")).map(code -> Arrays.stream(
        BusinessMetricFeatureId.values()).filter(feature -> feature.value().equals(code))
        .map(Enum::name).findFirst().orElse(code)).collect(Collectors.joining(" "));
    if (features.contains("WEB_ID")) {
      return "web identity (the role AWS_ROLE_ARN names)";
    }
    if (features.contains("JVM_SYSTEM_PROPERTIES")) {
      return "the Java system properties aws.accessKeyId and aws.secretAccessKey";
    }
    if (features.contains("ENV_VARS")) {
      return "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
    }
    if (features.contains("IMDS")) {
      return "the EC2 instance profile";
    }
    if (features.contains("CREDENTIALS_HTTP")) {
      return "the container credentials endpoint";
    }
    return features.contains("PROFILE") ? "the AWS profile" : provider;
  }
}
