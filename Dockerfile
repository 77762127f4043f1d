# servebench as a container image: the coordinator and the load workers of `bench --workers N --k8s`
# (docs/kubernetes.md), or any other servebench command. Build from the repository root:
#
#   docker build -t registry.example/servebench:0.1.0 .
#   docker push registry.example/servebench:0.1.0        # or: kind load docker-image …
#
# The first stage builds the self-contained jar with the Maven wrapper (it downloads Maven and the
# dependencies, so it needs the network); the image itself holds only a JRE and the jar.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -o package -DskipTests && cp target/servebench.jar /servebench.jar

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --home-dir /work --create-home servebench
COPY --from=build /servebench.jar /opt/servebench/servebench.jar
USER 10001
WORKDIR /work
# Results (results/…) and the default SQLite results database (~/.local/share/servebench) land under
# /work: mount a volume there to keep them.
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=75", "-jar", "/opt/servebench/servebench.jar"]
CMD ["--help"]
