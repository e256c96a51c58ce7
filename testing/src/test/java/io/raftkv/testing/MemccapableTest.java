package io.raftkv.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Conformance with a tool nobody here wrote: libmemcached's memcapable (Debian: {@code memccapable} in
 * libmemcached-tools, which {@code .ci/run} installs) runs its ASCII protocol tests against a follower of a 3-node
 * cluster. It flushes the store, so it gets a cluster of its own.
 */
@Tag("integration")
class MemccapableTest extends ClusterTest {
    static final Path MEMCAPABLE = Path.of("/usr/bin/memccapable");
    /** memcapable's own per-operation timeout, in seconds; a write waits for a quorum's fsync. */
    static final int IO_TIMEOUT_SECONDS = 10;
    /** The 27 ASCII tests take a few seconds; this bounds a hang. */
    static final long RUN_TIMEOUT_SECONDS = 180;

    @Test
    void everyAsciiTestOfMemcapablePasses() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(MEMCAPABLE),
                MEMCAPABLE + " is missing: install Debian's libmemcached-tools (.ci/run does)");
        LocalCluster cluster = startCluster(defaultOptions());
        String leader = cluster.awaitLeader(ELECTION_TIMEOUT);
        String[] hostAndPort = cluster.memcachedAddress(cluster.otherThan(leader).get(0)).split(":");

        Path output = baseDirectory.resolve("memcapable.txt");
        Process memcapable = new ProcessBuilder(List.of(MEMCAPABLE.toString(), "-a", "-v",
                "-t", Integer.toString(IO_TIMEOUT_SECONDS), "-h", hostAndPort[0], "-p", hostAndPort[1]))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = memcapable.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            memcapable.destroyForcibly();
        }
        String report = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(report);

        assertThat(finished).as("memcapable finished within %d s:%n%s", RUN_TIMEOUT_SECONDS, report).isTrue();
        assertThat(report).as("memcapable report").contains("All tests passed")
                .doesNotContainIgnoringCase("[fail]");
        assertThat(memcapable.exitValue()).as("memcapable exit code:%n%s", report).isZero();
        assertThat(report.lines().filter(line -> line.contains("[pass]")).count()).as("tests passed")
                .isEqualTo(27);
    }
}
