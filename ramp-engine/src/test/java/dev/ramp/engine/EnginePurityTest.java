package dev.ramp.engine;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.Console;
import java.io.RandomAccessFile;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.InstantSource;
import java.util.Calendar;
import java.util.Date;
import java.util.Random;
import java.util.Timer;
import java.util.TimerTask;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine decides and nothing else: {@code decide(snapshot, now)} gives the same plan for the
 * same arguments, whoever calls it and whenever, so the controller, the sandbox and the
 * benchmarks share it and a test can replay any decision. These rules fail the build when the
 * engine's main code reaches for the cluster, the network, files, threads, the clock or chance.
 */
@AnalyzeClasses(packages = "dev.ramp.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class EnginePurityTest {

  @ArchTest
  static final ArchRule noKubernetesClient = noClasses()
      .that().resideInAPackage("dev.ramp.engine..")
      .should().dependOnClassesThat().resideInAPackage("io.fabric8.kubernetes.client..")
      .because("the controller reads the cluster into a Snapshot and applies the Plan");

  @ArchTest
  static final ArchRule noNetwork = noClasses()
      .that().resideInAPackage("dev.ramp.engine..")
      .should().dependOnClassesThat().resideInAnyPackage("java.net..", "javax.net..",
          "okhttp3..", "io.vertx..", "org.apache.http..", "org.apache.hc..")
      .because("metric providers measure; the engine judges what they measured");

  /**
   * Files, the console, processes and the environment. In-memory streams stay allowed
   * ({@code ByteArray*}, {@code String*}, {@code IOException}): Jackson copies objects through
   * them.
   */
  @ArchTest
  static final ArchRule noFilesOrProcesses = noClasses()
      .that().resideInAPackage("dev.ramp.engine..")
      .should().dependOnClassesThat(resideInAnyPackage("java.nio.file..", "java.nio.channels..")
          .or(resideInAPackage("java.io").and(simpleNameStartingWith("File")))
          .or(belongToAnyOf(RandomAccessFile.class, Console.class, ProcessBuilder.class,
              Runtime.class)))
      .orShould().accessField(System.class, "in")
      .orShould().accessField(System.class, "out")
      .orShould().accessField(System.class, "err")
      .orShould().callMethodWhere(callOf(equivalentTo(System.class), "getenv"))
      .because("everything a decision depends on comes in the Snapshot");

  /**
   * Threads and waiting. {@link ConcurrentHashMap} stays allowed: the engine memoizes pure work
   * in one (compiled CEL conditions, pod template hashes) and the controller calls
   * {@code decide} from several reconciler threads; it starts nothing and waits for nothing.
   */
  @ArchTest
  static final ArchRule noThreads = noClasses()
      .that().resideInAPackage("dev.ramp.engine..")
      .should().dependOnClassesThat(resideInAPackage("java.util.concurrent..")
          .and(belongToAnyOf(ConcurrentHashMap.class).negate())
          .or(belongToAnyOf(Thread.class, ThreadGroup.class, ThreadLocal.class, Timer.class,
              TimerTask.class)))
      .because("a decision is one call that returns a Plan; waiting is a requeue in the Plan");

  @ArchTest
  static final ArchRule noClock = noClasses()
      .that().resideInAPackage("dev.ramp.engine..")
      .should().dependOnClassesThat().belongToAnyOf(Clock.class, InstantSource.class)
      .orShould().callMethodWhere(callOf(resideInAPackage("java.time"), "now"))
      .orShould().callMethodWhere(callOf(equivalentTo(System.class), "currentTimeMillis"))
      .orShould().callMethodWhere(callOf(equivalentTo(System.class), "nanoTime"))
      .orShould().callMethodWhere(callOf(equivalentTo(Calendar.class), "getInstance"))
      .orShould().callConstructor(Date.class)
      .because("time is the argument now, so that a decision can be replayed at any time");

  @ArchTest
  static final ArchRule noChance = noClasses()
      .that().resideInAPackage("dev.ramp.engine..")
      .should().dependOnClassesThat().belongToAnyOf(Random.class, SecureRandom.class)
      .orShould().callMethodWhere(callOf(equivalentTo(Math.class), "random"))
      .orShould().callMethodWhere(callOf(equivalentTo(UUID.class), "randomUUID"))
      .because("the same Snapshot and time give the same Plan");

  /** A call of any overload of {@code method} declared by a class that {@code owner} matches. */
  private static DescribedPredicate<JavaCall<?>> callOf(
      DescribedPredicate<? super JavaClass> owner, String method) {
    return DescribedPredicate.describe(owner.getDescription() + "." + method + "()",
        call -> call.getName().equals(method) && owner.test(call.getTargetOwner()));
  }
}
