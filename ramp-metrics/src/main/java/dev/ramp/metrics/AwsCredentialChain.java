package dev.ramp.metrics;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.profiles.ProfileFileSupplier;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * AWS credentials and region as the AWS SDKs find them: the default chain (system properties,
 * environment, web identity, the shared files' profile, container, EC2 instance metadata), with
 * a named profile in place of the default one if asked; with a role ARN, the role's temporary
 * credentials from STS, which the SDK keeps until shortly before they expire.
 */
final class AwsCredentialChain {
  /** How STS names the sessions Ramp opens, as CloudTrail shows them. */
  private static final String SESSION_NAME = "ramp";

  private final ProfileFileSupplier profiles;
  private final URI stsEndpoint;
  private final Map<Source, AwsCredentialsProvider> providers = new HashMap<>();

  /** The chain of the controller's environment, with AWS's STS. */
  AwsCredentialChain() {
    this(ProfileFileSupplier.defaultSupplier(), null);
  }

  /**
   * @param profiles the shared config and credentials files
   * @param stsEndpoint where STS is asked for a role's credentials; null for AWS's, by region
   */
  AwsCredentialChain(ProfileFileSupplier profiles, URI stsEndpoint) {
    this.profiles = profiles;
    this.stsEndpoint = stsEndpoint;
  }

  /**
   * Credentials that sign a request.
   *
   * @param source how messages name them, e.g. "role arn:… assumed with AWS profile prod"
   */
  record Credentials(AwsCredentialsIdentity identity, String source) {}

  /** The region given, else the default region chain's (AWS_REGION, aws.region, the profile). */
  Region region(String region, String profile) throws MeasurementException {
    if (region != null && !region.isBlank()) {
      return Region.of(region.trim());
    }
    try {
      return DefaultAwsRegionProviderChain.builder().profileFile(profiles).profileName(profile)
          .build().getRegion();
    } catch (SdkException e) {
      throw new MeasurementException("sigv4 has no region, and the AWS default region chain"
          + " (AWS_REGION, the system property aws.region, " + profileName(profile)
          + " of the shared config file, the EC2 instance metadata) gives none: set region");
    }
  }

  /** The profile's (or the default chain's) credentials, or those of the role they assume. */
  Credentials credentials(String profile, String roleArn, Region region)
      throws MeasurementException {
    Source base = new Source(blankToNull(profile), null, null);
    AwsCredentialsIdentity baseCredentials = resolve(base);
    if (blankToNull(roleArn) == null) {
      return new Credentials(baseCredentials, base.describe());
    }
    Source role = new Source(base.profile(), roleArn.trim(), region);
    try {
      return new Credentials(provider(role).resolveCredentials(), role.describe());
    } catch (StsException e) {
      throw new MeasurementException("STS refused to assume role " + role.roleArn() + " with "
          + base.describe() + " (" + e.statusCode() + " " + e.awsErrorDetails().errorCode()
          + "): " + e.awsErrorDetails().errorMessage());
    } catch (SdkException e) {
      throw new MeasurementException("STS could not give the credentials of role "
          + role.roleArn() + ": " + e.getMessage());
    }
  }

  private AwsCredentialsIdentity resolve(Source base) throws MeasurementException {
    try {
      return provider(base).resolveCredentials();
    } catch (SdkException e) {
      throw new MeasurementException("no AWS credentials to sign with: Ramp looked for them in"
          + " the system properties aws.accessKeyId and aws.secretAccessKey, the environment"
          + " variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a web identity token"
          + " (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN), " + profileName(base.profile())
          + " of the shared config and credentials files, the container credentials endpoint"
          + " and the EC2 instance metadata");
    }
  }

  /** The source's provider, made once: the SDK's providers keep what they resolved. */
  private synchronized AwsCredentialsProvider provider(Source source) {
    AwsCredentialsProvider known = providers.get(source);
    if (known != null) {
      return known;
    }
    AwsCredentialsProvider made = source.roleArn() == null
        ? DefaultCredentialsProvider.builder().profileFile(profiles)
            .profileName(source.profile()).build()
        : StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts(provider(new Source(source.profile(), null, null)), source.region()))
            .refreshRequest(request -> request.roleArn(source.roleArn())
                .roleSessionName(SESSION_NAME))
            .build();
    providers.put(source, made);
    return made;
  }

  private StsClient sts(AwsCredentialsProvider base, Region region) {
    StsClientBuilder sts = StsClient.builder().region(region).credentialsProvider(base)
        .httpClient(UrlConnectionHttpClient.create());
    if (stsEndpoint != null) {
      sts.endpointOverride(stsEndpoint);
    }
    return sts.build();
  }

  private static String profileName(String profile) {
    return profile == null ? "the profile AWS_PROFILE names (else default)"
        : "profile " + profile;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  /**
   * Where credentials come from: a profile (null for the default chain's), and for a role (null
   * for none) the region of the STS that is asked.
   */
  private record Source(String profile, String roleArn, Region region) {
    String describe() {
      String base = profile == null ? "the AWS default credential chain" : "AWS profile " + profile;
      return roleArn == null ? base : "role " + roleArn + " assumed with " + base;
    }
  }
}
