package dev.placenotify.testsupport.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * dynalite (the npm DynamoDB emulator pinned in test-support/package.json) as a child process on loopback.
 * Tables are ACTIVE at once ({@code createTableMs=0}), or the SDK's waiter would poll for 20 s.
 */
public final class Dynalite implements AutoCloseable {
    private static final String CLI = "node_modules/dynalite/cli.js";

    private final Process process;
    private final URI endpoint;

    private Dynalite(Process process, int port) {
        this.process = process;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    public static Dynalite start() {
        Path cli = locateCli();
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            try {
                return launch(cli, port);
            } catch (IllegalStateException e) {
                last = e; // the port was taken between probing and binding: try another
            }
        }
        throw last;
    }

    private static Dynalite launch(Path cli, int port) {
        try {
            Process p = new ProcessBuilder(List.of("node", cli.toString(), "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"))
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    String line;
                    StringBuilder seen = new StringBuilder();
                    while ((line = out.readLine()) != null) {
                        if (line.contains("listening")) {
                            drain(out);
                            return line;
                        }
                        seen.append(line).append('\n');
                    }
                    throw new IllegalStateException("dynalite exited: " + seen);
                } catch (IOException e) {
                    throw new IllegalStateException("dynalite output unreadable", e);
                }
            });
            ready.get(20, TimeUnit.SECONDS);
            Dynalite d = new Dynalite(p, port);
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
            return d;
        } catch (Exception e) {
            throw new IllegalStateException("dynalite did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Keep reading so a chatty child never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "dynalite-output");
        t.setDaemon(true);
        t.start();
    }

    private static Path locateCli() {
        String override = System.getProperty("placenotify.dynalite.cli");
        if (override != null) {
            return Path.of(override);
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve(CLI), dir.resolve("test-support").resolve(CLI))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("dynalite is not installed: run 'npm ci' in test-support/ (./run-local and "
                + "./mvnw verify do it on a fresh clone)");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
