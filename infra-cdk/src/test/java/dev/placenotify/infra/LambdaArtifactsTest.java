package dev.placenotify.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.model.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaArtifactsTest {
    @TempDir
    Path repo;

    @Test
    void jarsAreTheModulesShadedLambdaJars() {
        String v = LambdaArtifacts.projectVersion();
        assertThat(v).isNotBlank().doesNotContain("${");
        assertThat(LambdaArtifacts.expectedJars(repo).get(Topology.Stage.SENDER))
                .isEqualTo(repo.resolve("sender/target/sender-" + v + "-lambda.jar"));
        assertThat(LambdaArtifacts.expectedJars(repo)).hasSize(4);
    }

    @Test
    void synthRefusesMissingJarsNamingTheBuildCommand() {
        assertThatThrownBy(() -> LambdaArtifacts.fromRepository(repo))
                .hasMessageContaining("fetcher-").hasMessageContaining("./mvnw -B install -DskipTests");
    }

    @Test
    void realJarsWhenAllExistElseOnePlaceholder() throws IOException {
        Path placeholder = repo.resolve("infra-cdk/target/placeholder");
        LambdaArtifacts missing = LambdaArtifacts.fromRepositoryOrPlaceholder(repo, placeholder);
        assertThat(missing.isPlaceholder()).isTrue();
        assertThat(missing.path(Topology.Stage.PLANNER)).isEqualTo(placeholder);
        assertThat(placeholder).isDirectory();

        for (Path jar : LambdaArtifacts.expectedJars(repo).values()) {
            Files.createDirectories(jar.getParent());
            Files.write(jar, new byte[] {'P', 'K'});
        }
        LambdaArtifacts real = LambdaArtifacts.fromRepositoryOrPlaceholder(repo, placeholder);
        assertThat(real.isPlaceholder()).isFalse();
        assertThat(real.path(Topology.Stage.PLANNER).getFileName().toString()).endsWith("-lambda.jar");
        assertThat(real.renewalImageDir()).isEqualTo(repo.resolve("session-renewal").toAbsolutePath().normalize());
        // A deploy also needs the session-renewal jar its image copies.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LambdaArtifacts.fromRepository(repo))
                .hasMessageContaining("session-renewal-").hasMessageContaining("-lambda.jar");
        Path renewalJar = LambdaArtifacts.renewalJar(repo);
        Files.createDirectories(renewalJar.getParent());
        Files.write(renewalJar, new byte[] {'P', 'K'});
        assertThat(LambdaArtifacts.fromRepository(repo).isPlaceholder()).isFalse();
    }

    @Test
    void repositoryRootFromRootOrModuleDirectory() throws IOException {
        Files.createDirectories(repo.resolve("infra-cdk"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        assertThat(LambdaArtifacts.repositoryRoot(repo)).isEqualTo(repo.toAbsolutePath().normalize());
        assertThat(LambdaArtifacts.repositoryRoot(repo.resolve("infra-cdk"))).isEqualTo(repo.toAbsolutePath().normalize());
        assertThatThrownBy(() -> LambdaArtifacts.repositoryRoot(repo.resolve("elsewhere")))
                .hasMessageContaining("repoRoot");
    }
}
