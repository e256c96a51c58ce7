package io.raftkv.testing;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code raftkv} launcher's start-up cache (docs/performance.md, "Start-up"): a damaged or stale cache never breaks
 * a command and never adds to its output. Runs the real launcher in a copy of the repository's layout that links to
 * the jars the build made, so the launcher finds its build done and keeps its cache in the copy.
 */
class LauncherStartCacheTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final long RUN_TIMEOUT_SECONDS = 120;

    @TempDir
    Path copy;

    @BeforeEach
    void layOutACopyWithTheBuiltJars() throws IOException {
        Files.copy(REPOSITORY.resolve("raftkv"), copy.resolve("raftkv"), StandardCopyOption.COPY_ATTRIBUTES);
        Path target = Files.createDirectories(copy.resolve("cli/target"));
        Files.createSymbolicLink(target.resolve("raftkv-cli.jar"),
                REPOSITORY.resolve("cli/target/raftkv-cli.jar"));
        Files.createSymbolicLink(target.resolve("lib"), REPOSITORY.resolve("cli/target/lib"));
        Files.createDirectories(copy.resolve(".raftkv"));
        Files.writeString(copy.resolve(".raftkv/build-stamp-cli"), "");
    }

    @Test
    void aDamagedCacheChangesNothingACommandPrints() throws Exception {
        Run first = launch(Map.of(), "--version");
        Path cache = onlyCacheFile();

        Files.write(cache, "not a class-data cache".getBytes(StandardCharsets.UTF_8));
        Run withDamagedCache = launch(Map.of(), "--version");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).startsWith("raftkv ");
        assertThat(first.err()).isEmpty();
        assertThat(withDamagedCache).isEqualTo(first);
    }

    @Test
    void aStaleCacheIsMadeAgainWithoutAWord() throws Exception {
        Run first = launch(Map.of(), "--version");
        Path cache = onlyCacheFile();
        Files.write(cache, "left by an older build".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(cache, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));

        Run afterTheJarsChanged = launch(Map.of(), "--version");

        assertThat(afterTheJarsChanged).isEqualTo(first);
        assertThat(Files.size(cache)).as("a cache made again").isGreaterThan("left by an older build".length());
    }

    @Test
    void aDamagedAppCdsArchiveChangesNothingACommandPrints() throws Exception {
        Map<String, String> appCds = Map.of("RAFTKV_START_CACHE", "cds");
        Run first = launch(appCds, "get", "--help");
        Path archive = onlyCacheFile();

        Files.write(archive, "not an archive".getBytes(StandardCharsets.UTF_8));
        Run withDamagedArchive = launch(appCds, "get", "--help");

        assertThat(archive.getFileName().toString()).endsWith(".cds");
        assertThat(first.exitCode()).isZero();
        assertThat(first.err()).isEmpty();
        assertThat(withDamagedArchive).isEqualTo(first);
    }

    @Test
    void noCacheWhenTurnedOff() throws Exception {
        Run run = launch(Map.of("RAFTKV_START_CACHE", "off"), "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(copy.resolve(".raftkv/start-cache")).doesNotExist();
    }

    private Path onlyCacheFile() throws IOException {
        try (Stream<Path> files = Files.list(copy.resolve(".raftkv/start-cache"))) {
            List<Path> caches = files.filter(file -> file.toString().endsWith(".aot")
                    || file.toString().endsWith(".cds")).toList();
            assertThat(caches).as("the cache files the training made (see training.log)").hasSize(1);
            return caches.getFirst();
        }
    }

    private Run launch(Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(copy, "launcher", ".out");
        Path err = Files.createTempFile(copy, "launcher", ".err");
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("bash", copy.resolve("raftkv").toString()),
                Stream.of(arguments)).toList())
                .directory(copy.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("RAFTKV_JAVA_OPTS");
        builder.environment().remove("RAFTKV_START_CACHE");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not finish within " + RUN_TIMEOUT_SECONDS + " s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Run(int exitCode, String out, String err) {
    }
}
