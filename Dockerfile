# syntax=docker/dockerfile:1
# Ramp's controller image: docker build -t ramp:0.1.0 .

# Build: the controller and the modules it needs, tests skipped (they run in CI), for the
# controller's runnable jar (without the CLI's sandbox, simulators and mock API server).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -DskipTests -pl ramp-controller -am package

# Run: a JRE and the jar, as a numeric non-root user (so that runAsNonRoot can verify it).
FROM eclipse-temurin:17-jre
COPY --from=build /src/ramp-controller/target/ramp-controller.jar /app/ramp-controller.jar
# With a read-only root filesystem, /tmp (an emptyDir in the Deployment) is the only place to write.
ENV HOME=/tmp
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/ramp-controller.jar"]
