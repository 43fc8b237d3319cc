package io.modelwatch.cli.driftreport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's chromium, run headless on local files only: no sandbox (tests may run as root), no GPU,
 * a fresh profile per run. Its own background traffic (update checks, account lookups) cannot leave
 * the machine: host names resolve to nothing and every request goes through a proxy on a closed local
 * port. Console messages are read from its log on stderr, and the requests the page itself started
 * from its network log.
 */
public final class HeadlessChromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser");
    private static final long TIMEOUT_SECONDS = 60;
    private static final String CONSOLE_MARK = ":CONSOLE";

    /**
     * What one page load left behind.
     *
     * @param pageRequests the URLs of the network requests the page started (not the browser's own)
     */
    public record PageLoad(String dom, List<String> consoleMessages, List<String> pageRequests) {}

    private final Path executable;
    private final Path workDir;

    private HeadlessChromium(Path executable, Path workDir) {
        this.executable = executable;
        this.workDir = workDir;
    }

    /** Chromium from the PATH, or empty when it is not installed. */
    public static Optional<HeadlessChromium> find(Path workDir) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : NAMES) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessChromium(candidate, workDir));
                }
            }
        }
        return Optional.empty();
    }

    /** Loads the page, runs its scripts and returns the resulting DOM with every console message logged. */
    public PageLoad load(Path page) throws IOException, InterruptedException {
        Path dom = Files.createTempFile(workDir, "dom", ".html");
        Path netLog = Files.createTempFile(workDir, "net", ".json");
        Path log = run(page, List.of("--dump-dom", "--log-net-log=" + netLog), dom);
        return new PageLoad(Files.readString(dom, StandardCharsets.UTF_8), consoleMessages(log), pageRequests(netLog));
    }

    public void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(page, List.of("--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png),
                Files.createTempFile(workDir, "stdout", ".txt"));
    }

    private Path run(Path page, List<String> action, Path stdout) throws IOException, InterruptedException {
        Path log = Files.createTempFile(workDir, "chromium", ".log");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + Files.createTempDirectory(workDir, "profile"),
                "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
                "--enable-logging=stderr", "--v=0"));
        command.addAll(action);
        command.add(page.toUri().toString());
        Process chromium = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(log.toFile())
                .start();
        if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        if (chromium.exitValue() != 0) {
            throw new IllegalStateException("chromium exited with " + chromium.exitValue() + ": "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return log;
    }

    /**
     * The URLs of the requests started by a page rather than by the browser: the browser's own have no
     * origin as their initiator ({@code "not an origin"}), a file page's have its opaque origin.
     */
    private static List<String> pageRequests(Path netLog) throws IOException {
        JsonNode log = new ObjectMapper().readTree(netLog.toFile());
        JsonNode startJob = log.path("constants").path("logEventTypes").path("URL_REQUEST_START_JOB");
        List<String> urls = new ArrayList<>();
        for (JsonNode event : log.path("events")) {
            JsonNode params = event.path("params");
            if (event.path("type").equals(startJob) && params.has("url")
                    && !params.path("initiator").asText().equals("not an origin")) {
                urls.add(params.path("url").asText());
            }
        }
        return urls;
    }

    private static List<String> consoleMessages(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(line -> line.contains(CONSOLE_MARK)).toList();
    }
}
