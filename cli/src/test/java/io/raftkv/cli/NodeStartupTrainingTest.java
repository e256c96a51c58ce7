package io.raftkv.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node training run must keep working as the API changes: should a request of it fail, the launcher silently keeps
 * no cache for nodes and `raftkv dev` starts several seconds slower. It runs in a JVM of its own because it ends with
 * {@code System.exit}.
 */
@Tag("integration")
class NodeStartupTrainingTest {
    private static final long RUN_TIMEOUT_SECONDS = 120;

    @TempDir
    Path directory;

    @Test
    void trainingClusterBecomesReadyAndAnswersEveryRequest() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), NodeStartupTraining.class.getName(),
                directory.resolve("nodes").toString()))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("training.out").toFile())
                .start();
        boolean ended = process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }

        String printed = Files.readString(directory.resolve("training.out"));
        assertThat(ended).as("the training run ended").isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", printed).isZero();
        assertThat(printed).doesNotContain("training failed");
    }
}
