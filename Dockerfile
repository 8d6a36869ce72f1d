# syntax=docker/dockerfile:1
# Ramp's controller image: docker build -t ramp:0.1.0 .

# Build: the whole project, tests skipped (they run in CI), for the CLI's runnable jar.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -DskipTests package

# Run: a JRE and the jar, as a numeric non-root user (so that runAsNonRoot can verify it).
FROM eclipse-temurin:17-jre
COPY --from=build /src/ramp-cli/target/ramp.jar /app/ramp.jar
# With a read-only root filesystem, /tmp (an emptyDir in the Deployment) is the only place to write.
ENV HOME=/tmp
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/ramp.jar", "controller"]
