package dev.placenotify.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placenotify.model.Topology;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each stage's deployable, as CloudWatch will see its logs: the shaded {@code -lambda.jar} runs in a
 * child JVM (the JVM running this test) with only the jar and {@link LogProbe} on the class path, so
 * the Log4j configuration bundled in the jar is the one in force. Without one, Log4j falls back to
 * ERROR-only plain text and the stage's INFO and WARN lines are lost.
 *
 * <p>A failsafe test: it runs in the {@code integration-test} phase, after the reactor packaged the
 * stage modules. A missing jar fails it.
 */
class LambdaJarLoggingIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path probeDir;

    @ParameterizedTest
    @EnumSource(Topology.Stage.class)
    void stageJarLogsPowertoolsJsonWithTheRunIdAsCorrelationId(Topology.Stage stage) throws Exception {
        logsPowertoolsJson(LambdaArtifacts.expectedJars(Stacks.moduleDir().getParent()).get(stage), stage.lowerName());
    }

    /** The jar the session-renewal image copies logs the same way (its Dockerfile puts it on the classpath as is). */
    @org.junit.jupiter.api.Test
    void sessionRenewalJarLogsPowertoolsJsonWithTheRunIdAsCorrelationId() throws Exception {
        logsPowertoolsJson(LambdaArtifacts.renewalJar(Stacks.moduleDir().getParent()), LambdaArtifacts.RENEWAL_MODULE);
    }

    private void logsPowertoolsJson(Path jar, String module) throws Exception {
        assertThat(jar).as("%s's Lambda jar (build the modules first: ./mvnw verify)", module).isRegularFile();
        try (JarFile j = new JarFile(jar.toFile())) {
            assertThat(j.getEntry("log4j2.xml")).as("%s bundles no log4j2.xml (%s/src/main/resources/log4j2.xml)",
                    jar.getFileName(), module).isNotNull();
        }

        String runId = "c20251022T1400";
        String warning = module + " probe warning for store 1051707";
        Output out = run(jar, runId, warning);

        assertThat(out.exitCode()).as("probe exit code; stderr:%n%s", out.stderr()).isZero();
        assertThat(out.stdout()).as("stdout lines; stderr:%n%s", out.stderr()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).as("every line is a JSON object").startsWith("{"));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.stdout()) {
            lines.add(JSON.readTree(line));
        }
        JsonNode warn = lines.stream().filter(l -> l.path("message").asText().equals(warning)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with message '" + warning + "' in " + out.stdout()));
        assertThat(warn.path("level").asText()).isEqualTo("WARN");
        assertThat(warn.path("correlation_id").asText()).isEqualTo(runId);
        assertThat(warn.path("timestamp").asText()).isNotBlank();

        // Levels: the stage's own INFO lines are kept, DEBUG and the AWS SDK's INFO are not.
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.path("message").asText()).isEqualTo("probe info line");
            assertThat(l.path("level").asText()).isEqualTo("INFO");
            assertThat(l.path("correlation_id").asText()).isEqualTo(runId);
        });
        assertThat(lines).map(l -> l.path("message").asText())
                .doesNotContain("probe debug line", "probe AWS SDK info line");
    }

    private record Output(int exitCode, List<String> stdout, String stderr) {}

    private Output run(Path jar, String runId, String warning) throws IOException, InterruptedException {
        // The probe class alone (not the test-classes directory, which may hold a log4j2-test.xml).
        String resource = LogProbe.class.getName().replace('.', '/') + ".class";
        Path probeClass = probeDir.resolve(resource);
        Files.createDirectories(probeClass.getParent());
        try (InputStream in = LogProbe.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Files.copy(in, probeClass);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", jar + File.pathSeparator + probeDir,
                LogProbe.class.getName(), runId, warning);
        // Nothing from this environment may configure logging or the JVM (LOG4J_*, POWERTOOLS_*, JAVA_TOOL_OPTIONS).
        Map<String, String> env = pb.environment();
        env.keySet().retainAll(List.of("PATH", "HOME", "LANG", "TMPDIR"));
        Process p = pb.start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        String stdout = readAll(p.getInputStream());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("probe did not exit within 60 s; stdout:\n" + stdout);
        }
        return new Output(p.exitValue(), stdout.lines().filter(l -> !l.isBlank()).toList(), stderr.join());
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
