package dev.placenotify.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import dev.placenotify.model.Topology;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.lambda.AssetImageCodeProps;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.DockerImageCode;

/**
 * Where each function's deployable comes from: the shaded jar its module's {@code package} phase
 * writes to {@code <repo>/<module>/target/<module>-<version>-lambda.jar}; for the session-renewal function, a
 * container image built at deploy from {@code <repo>/session-renewal/} (its Dockerfile copies that module's jar).
 */
public final class LambdaArtifacts {
    /** The session-renewal module: its Dockerfile and shaded jar are the container image's build context. */
    public static final String RENEWAL_MODULE = "session-renewal";

    private final Map<Topology.Stage, Path> paths;
    private final Path renewalImageDir;
    private final boolean placeholder;

    private LambdaArtifacts(Map<Topology.Stage, Path> paths, Path renewalImageDir, boolean placeholder) {
        this.paths = Map.copyOf(paths);
        this.renewalImageDir = renewalImageDir;
        this.placeholder = placeholder;
    }

    /** The real jars; fails naming every missing one and the command that builds them. */
    public static LambdaArtifacts fromRepository(Path repoRoot) {
        Map<Topology.Stage, Path> jars = expectedJars(repoRoot);
        List<String> missing = new ArrayList<>();
        jars.values().stream().filter(p -> !Files.isRegularFile(p)).forEach(p -> missing.add(p.toString()));
        Path renewalJar = renewalJar(repoRoot);
        if (!Files.isRegularFile(renewalJar)) {
            missing.add(renewalJar.toString());
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Lambda jars missing: " + missing
                    + ". Build them first, at the repository root: ./mvnw -B install -DskipTests");
        }
        return new LambdaArtifacts(jars, renewalImageDir(repoRoot), false);
    }

    /**
     * The real jars when all exist, else one placeholder directory for every function, so the
     * stack can be synthesized and asserted on when this module is built alone.
     */
    public static LambdaArtifacts fromRepositoryOrPlaceholder(Path repoRoot, Path placeholderDir) {
        Map<Topology.Stage, Path> jars = expectedJars(repoRoot);
        if (jars.values().stream().allMatch(Files::isRegularFile)) {
            return new LambdaArtifacts(jars, renewalImageDir(repoRoot), false);
        }
        try {
            Files.createDirectories(placeholderDir);
            Files.writeString(placeholderDir.resolve("README.txt"),
                    "placeholder asset: the stage modules' lambda jars were not built\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Topology.Stage, Path> placeholders = new EnumMap<>(Topology.Stage.class);
        for (Topology.Stage s : Topology.Stage.values()) {
            placeholders.put(s, placeholderDir);
        }
        // The image's context is the module directory either way: synth only stages it (Dockerfile checked, jar
        // copied when built); the image is built by cdk deploy, which needs the jar.
        return new LambdaArtifacts(placeholders, renewalImageDir(repoRoot), true);
    }

    public static Map<Topology.Stage, Path> expectedJars(Path repoRoot) {
        String version = projectVersion();
        Map<Topology.Stage, Path> jars = new EnumMap<>(Topology.Stage.class);
        for (Topology.Stage s : Topology.Stage.values()) {
            String module = s.lowerName();
            jars.put(s, repoRoot.resolve(module).resolve("target").resolve(module + "-" + version + "-lambda.jar")
                    .toAbsolutePath().normalize());
        }
        return jars;
    }

    /** The session-renewal image's build context: the module directory (Dockerfile, .dockerignore, target/ jar). */
    public static Path renewalImageDir(Path repoRoot) {
        return repoRoot.resolve(RENEWAL_MODULE).toAbsolutePath().normalize();
    }

    public static Path renewalJar(Path repoRoot) {
        return renewalImageDir(repoRoot).resolve("target").resolve(RENEWAL_MODULE + "-" + projectVersion() + "-lambda.jar");
    }

    /**
     * The repository root seen from a working directory: the directory itself when it holds
     * {@code infra-cdk/}, its parent when it is {@code infra-cdk/} (where {@code cdk synth} runs).
     */
    public static Path repositoryRoot(Path workingDir) {
        Path dir = workingDir.toAbsolutePath().normalize();
        if (Files.isDirectory(dir.resolve("infra-cdk")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
            return dir;
        }
        if (dir.getFileName() != null && dir.getFileName().toString().equals("infra-cdk") && dir.getParent() != null) {
            return dir.getParent();
        }
        throw new IllegalStateException("cannot find the repository root from " + dir
                + "; run from the repository root or infra-cdk/, or pass -c repoRoot=<path>");
    }

    /** The project version the jars carry in their names (filtered into the module's resources). */
    public static String projectVersion() {
        try (InputStream in = LambdaArtifacts.class.getResourceAsStream("/infra-cdk.properties")) {
            if (in == null) {
                throw new IllegalStateException("infra-cdk.properties missing from the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("project.version");
            if (v == null || v.isBlank() || v.startsWith("${")) {
                throw new IllegalStateException("infra-cdk.properties was not filtered: " + v);
            }
            return v.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path(Topology.Stage stage) {
        return paths.get(stage);
    }

    public Code code(Topology.Stage stage) {
        return Code.fromAsset(path(stage).toString());
    }

    /** The session-renewal function's container image, built from the module's Dockerfile at deploy. */
    public DockerImageCode renewalImage() {
        return DockerImageCode.fromImageAsset(renewalImageDir.toString(), AssetImageCodeProps.builder()
                .platform(Platform.LINUX_AMD64)
                .build());
    }

    public Path renewalImageDir() {
        return renewalImageDir;
    }

    public boolean isPlaceholder() {
        return placeholder;
    }
}
