package dev.placenotify.local.fetcher;

import dev.placenotify.testsupport.sim.NaverBookingSimulator;
import dev.placenotify.testsupport.sim.NaverLoginSimulator;
import dev.placenotify.renewal.BrowserLogin;
import dev.placenotify.renewal.BrowserSettings;
import dev.placenotify.renewal.LoginCredentials;
import dev.placenotify.renewal.LoginOutcome;
import dev.placenotify.renewal.RenewalConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures what the session-renewal function needs (not a test: it prints figures for the Lambda's memory and
 * timeout). The parent starts the Naver and login simulators; each login runs in a child JVM that does only what
 * the function does around the browser (BrowserLogin: start chromedriver and headless Chromium, open the login
 * page, type, submit, follow the redirects, open the account page, quit), with the Lambda's Chromium switches.
 * The parent samples the RSS of the child's whole process tree (JVM, chromedriver, every Chromium process) every
 * 20 ms and reports the peak, and the child's wall time from start to exit (JVM start included, as a cold Lambda).
 *
 * <pre>{@code
 * ./mvnw -B -q -o -pl local -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp local/target/test-classes:local/target/classes:$(cat /tmp/cp.txt) dev.placenotify.local.fetcher.RenewalFootprint 5
 * }</pre>
 */
public final class RenewalFootprint {
    private RenewalFootprint() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (NaverBookingSimulator naver = new NaverBookingSimulator(Clock.systemUTC());
             NaverLoginSimulator login = new NaverLoginSimulator(Clock.systemUTC())) {
            naver.start();
            login.start();
            login.attach(naver).setAccount("owner@place-notify.local", "n4ver-Local!7");
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<long[]> figures = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                ProcessBuilder pb = new ProcessBuilder(javaBin, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                        "-cp", System.getProperty("java.class.path"), Child.class.getName(), login.loginUrl(),
                        naver.sessionCheckUrl()).inheritIO();
                long started = System.nanoTime();
                Process child = pb.start();
                long peak = 0;
                while (!child.waitFor(20, TimeUnit.MILLISECONDS)) {
                    peak = Math.max(peak, treeRssKb(child.toHandle()));
                }
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                if (child.exitValue() != 0) {
                    throw new IllegalStateException("login " + (i + 1) + " did not succeed (exit " + child.exitValue() + ")");
                }
                figures.add(new long[] {millis, peak / 1024});
                System.out.printf("login %d: %d ms wall (JVM start to exit), peak RSS of the process tree %d MB%n",
                        i + 1, millis, peak / 1024);
            }
            System.out.printf("%d logins: wall %d..%d ms, peak RSS %d..%d MB; login simulator saw %d logins%n", runs,
                    figures.stream().mapToLong(f -> f[0]).min().orElse(0), figures.stream().mapToLong(f -> f[0]).max().orElse(0),
                    figures.stream().mapToLong(f -> f[1]).min().orElse(0), figures.stream().mapToLong(f -> f[1]).max().orElse(0),
                    login.logins());
        }
    }

    /** Sum of VmRSS (kB) over a process and all its descendants. */
    static long treeRssKb(ProcessHandle root) {
        long total = rssKb(root.pid());
        for (ProcessHandle p : (Iterable<ProcessHandle>) root.descendants()::iterator) {
            total += rssKb(p.pid());
        }
        return total;
    }

    private static long rssKb(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** One login as the function does it, with the Lambda's Chromium switches; exit 0 when logged in. */
    public static final class Child {
        public static void main(String[] args) {
            BrowserSettings defaults = RenewalConfig.from(new dev.placenotify.shell.EnvConfig(Map.of("RENEWAL_DLQ_URL", "x",
                    "RESULT_QUEUE_URL", "x", "SESSIONS_TABLE", "t", "NAVER_LOGIN_SECRET_ID", "s"))).browser();
            BrowserSettings settings = new BrowserSettings(defaults.chromium(), defaults.chromedriver(), URI.create(args[0]),
                    URI.create(args[1]), Duration.ofSeconds(30), defaults.userAgent(),
                    List.of("--single-process", "--no-zygote", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"));
            LoginOutcome outcome = new BrowserLogin(settings.requireInstalled())
                    .logIn(new LoginCredentials("owner@place-notify.local", "n4ver-Local!7"));
            System.exit(outcome instanceof LoginOutcome.LoggedIn ? 0 : 1);
        }
    }
}
