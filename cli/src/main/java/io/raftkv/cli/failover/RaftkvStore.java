package io.raftkv.cli.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Three raftkv nodes on loopback, each a JVM like the one running the benchmark (same java, options and class path),
 * driven through the HTTP API. Node N: Raft on {@code basePort + N}, HTTP on {@code basePort + 10 + N}.
 */
public final class RaftkvStore implements FailoverStore {
    private static final String HOST = "127.0.0.1";
    private static final String MAIN_CLASS = "io.raftkv.cli.Main";

    private final int basePort;
    private final OptionalLong electionTimeoutMillis;
    private final NodeProcesses processes;
    private final LoopbackHttp http = new LoopbackHttp();
    private final ObjectMapper json = new ObjectMapper();

    /** {@code electionTimeoutMillis}: passed as {@code --election-timeout} when present, the default otherwise. */
    public RaftkvStore(Path directory, int basePort, OptionalLong electionTimeoutMillis) {
        this.basePort = basePort;
        this.electionTimeoutMillis = electionTimeoutMillis;
        this.processes = new NodeProcesses(directory);
    }

    @Override
    public String name() {
        return "raftkv";
    }

    @Override
    public void start(int number) throws IOException {
        processes.start(number, "raftkv-" + number, command(number));
    }

    private List<String> command(int number) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("cannot tell which java binary runs this process")));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS, "server",
                "--id", id(number), "--peers", peers(),
                "--data-dir", processes.dataDirectory("raftkv", number).toString(),
                "--http", HOST + ":" + httpPort(number)));
        electionTimeoutMillis.ifPresent(millis -> command.addAll(List.of("--election-timeout", millis + "ms")));
        return command;
    }

    private String peers() {
        return IntStream.rangeClosed(1, NODE_COUNT)
                .mapToObj(number -> id(number) + "=" + HOST + ":" + (basePort + number))
                .collect(Collectors.joining(","));
    }

    private static String id(int number) {
        return "n" + number;
    }

    private int httpPort(int number) {
        return basePort + 10 + number;
    }

    private String url(int number, String path) {
        return "http://" + HOST + ":" + httpPort(number) + path;
    }

    @Override
    public boolean running(int number) {
        return processes.running(number);
    }

    @Override
    public void kill(int number) throws InterruptedException {
        processes.kill(number);
    }

    @Override
    public Optional<NodeView> view(int number, long timeoutMillis) {
        try {
            LoopbackHttp.Answer answer = http.send("GET", url(number, "/v1/cluster/self"), null, timeoutMillis);
            if (!answer.ok()) {
                return Optional.empty();
            }
            JsonNode self = json.readTree(answer.body());
            JsonNode leader = self.path("leader");
            Optional<Integer> leaderNumber = leader.isTextual()
                    ? Optional.of(Integer.parseInt(leader.asText().substring(1))) : Optional.empty();
            return Optional.of(new NodeView(number, leaderNumber, self.path("term").asLong(),
                    self.path("ready").asBoolean()));
        } catch (IOException notAnswering) {
            return Optional.empty();
        }
    }

    @Override
    public boolean write(int number, String key, String value, long timeoutMillis) {
        try {
            return http.send("PUT", url(number, "/v1/kv/" + encode(key)), value, timeoutMillis).ok();
        } catch (IOException failed) {
            return false;
        }
    }

    @Override
    public Optional<String> read(int number, String key, long timeoutMillis) throws IOException {
        LoopbackHttp.Answer answer = http.send("GET", url(number, "/v1/kv/" + encode(key)), null, timeoutMillis);
        return switch (answer.status()) {
            case 200 -> Optional.of(answer.body());
            case 404 -> Optional.empty();
            default -> throw new IOException("read of " + key + " from n" + number + " answered " + answer.status()
                    + ": " + answer.body());
        };
    }

    private static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        processes.killAll();
        http.close();
    }
}
