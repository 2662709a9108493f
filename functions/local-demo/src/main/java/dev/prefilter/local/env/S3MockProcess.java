package dev.prefilter.local.env;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Adobe S3Mock as a child process on loopback: a real S3 wire protocol with versioning, tagging,
 * ranged and conditional requests. Its exec jar is fetched by Maven (dependency:copy) into
 * {@code target/s3mock/}; a disposable store directory keeps each run apart.
 */
public final class S3MockProcess implements AutoCloseable {

    public static final String JAR_PROPERTY = "prefilter.s3mock.jar";

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private S3MockProcess(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** The jar named by the system property {@value #JAR_PROPERTY}, else {@code target/s3mock/s3mock-exec.jar} under the working directory. */
    public static Path locateJar() {
        String configured = System.getProperty(JAR_PROPERTY);
        Path jar = configured != null ? Path.of(configured) : Path.of("target", "s3mock", "s3mock-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Mock's jar is not at " + jar.toAbsolutePath()
                    + "; the Maven build copies it there (mvn -B -DskipTests package), or set -D" + JAR_PROPERTY);
        }
        return jar;
    }

    public static S3MockProcess start(Path jar, Path workDir, Duration startTimeout) throws IOException {
        Files.createDirectories(workDir);
        Path store = Files.createTempDirectory(workDir, "s3mock-store-");
        Path log = workDir.resolve("s3mock-" + store.getFileName() + ".log");
        int httpPort = FreePorts.next();
        int httpsPort = FreePorts.next();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(
                java.toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-Xmx384m",
                "-jar",
                jar.toAbsolutePath().toString(),
                "--server.address=127.0.0.1",
                "--http.port=" + httpPort,
                "--server.port=" + httpsPort,
                "--com.adobe.testing.s3mock.store.root=" + store.toAbsolutePath(),
                "--com.adobe.testing.s3mock.store.retain-files-on-exit=false",
                "--com.adobe.testing.s3mock.max-payload-size=200MB",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        S3MockProcess s3 = new S3MockProcess(process, URI.create("http://127.0.0.1:" + httpPort), log);
        s3.awaitReady(startTimeout);
        return s3;
    }

    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Mock exited with " + process.exitValue() + " during start-up; see " + log);
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                c.getResponseCode();
                c.disconnect();
                return;
            } catch (IOException notYet) {
                sleep(250);
            }
        }
        close();
        throw new IOException("S3Mock did not answer within " + timeout.toSeconds() + " s; see " + log);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(15).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
