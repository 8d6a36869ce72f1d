package dev.ramp.cluster;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.InstantSource;

/**
 * The actuator, the routers and the views reach a cluster only through {@link ClusterObjects},
 * so the virtual cluster's tests and benchmarks run exactly the code the controller runs. These
 * rules fail the build when code here reaches for the Kubernetes client, the network or the
 * clock instead.
 */
@AnalyzeClasses(packages = "dev.ramp.cluster", importOptions = ImportOption.DoNotIncludeTests.class)
class ThroughThePortTest {

  @ArchTest
  static final ArchRule noKubernetesClient = noClasses()
      .that().resideInAPackage("dev.ramp.cluster..")
      .should().dependOnClassesThat().resideInAPackage("io.fabric8.kubernetes.client..")
      .because("the controller adapts the Kubernetes client to ClusterObjects");

  @ArchTest
  static final ArchRule noNetwork = noClasses()
      .that().resideInAPackage("dev.ramp.cluster..")
      .should().dependOnClassesThat().resideInAnyPackage("java.net..", "javax.net..",
          "okhttp3..", "io.vertx..", "org.apache.http..", "org.apache.hc..")
      .because("every object is read and written through ClusterObjects");

  @ArchTest
  static final ArchRule noClock = noClasses()
      .that().resideInAPackage("dev.ramp.cluster..")
      .should().dependOnClassesThat().belongToAnyOf(Clock.class, InstantSource.class)
      .because("what an action writes depends on the action alone, so it can be replayed");
}
