package io.raftkv.cli.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Three etcd (3.4) nodes on loopback with etcd's default settings, driven through etcd's JSON gateway
 * ({@code /v3/kv/put}, {@code /v3/kv/range}, {@code /v3/maintenance/status}, the API behind
 * {@code etcdctl endpoint status}). Node N: clients on {@code basePort + N}, peers on {@code basePort + 10 + N}.
 */
public final class EtcdStore implements FailoverStore {
    private static final String HOST = "127.0.0.1";

    private final int basePort;
    private final NodeProcesses processes;
    private final LoopbackHttp http = new LoopbackHttp();
    private final ObjectMapper json = new ObjectMapper();
    /** etcd names members by numbers it makes up; each node's status answer teaches one. */
    private final Map<String, Integer> numberByMemberId = new HashMap<>();

    public EtcdStore(Path directory, int basePort) {
        this.basePort = basePort;
        this.processes = new NodeProcesses(directory);
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public void start(int number) throws IOException {
        processes.start(number, "etcd-" + number, List.of("etcd", "--name", name(number),
                "--data-dir", processes.dataDirectory("etcd", number).toString(),
                "--listen-client-urls", clientUrl(number), "--advertise-client-urls", clientUrl(number),
                "--listen-peer-urls", peerUrl(number), "--initial-advertise-peer-urls", peerUrl(number),
                "--initial-cluster", initialCluster(), "--initial-cluster-state", "new",
                "--logger", "zap", "--log-level", "error"));
    }

    private static String name(int number) {
        return "e" + number;
    }

    private String clientUrl(int number) {
        return "http://" + HOST + ":" + (basePort + number);
    }

    private String peerUrl(int number) {
        return "http://" + HOST + ":" + (basePort + 10 + number);
    }

    private String initialCluster() {
        return IntStream.rangeClosed(1, NODE_COUNT).mapToObj(number -> name(number) + "=" + peerUrl(number))
                .collect(Collectors.joining(","));
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
            LoopbackHttp.Answer answer = http.send("POST", clientUrl(number) + "/v3/maintenance/status", "{}",
                    timeoutMillis);
            if (!answer.ok()) {
                return Optional.empty();
            }
            JsonNode status = json.readTree(answer.body());
            String memberId = status.path("header").path("member_id").asText();
            synchronized (numberByMemberId) {
                numberByMemberId.put(memberId, number);
            }
            String leaderId = status.path("leader").asText("0");
            Optional<Integer> leader = leaderNumber(leaderId);
            return Optional.of(new NodeView(number, leader, status.path("raftTerm").asLong(), !leaderId.equals("0")));
        } catch (IOException notAnswering) {
            return Optional.empty();
        }
    }

    /** A leader whose own status this run has not yet seen has no number yet; it reads as "no leader known". */
    private Optional<Integer> leaderNumber(String leaderId) {
        synchronized (numberByMemberId) {
            return Optional.ofNullable(numberByMemberId.get(leaderId));
        }
    }

    @Override
    public boolean write(int number, String key, String value, long timeoutMillis) {
        ObjectNode body = json.createObjectNode().put("key", base64(key)).put("value", base64(value));
        try {
            return http.send("POST", clientUrl(number) + "/v3/kv/put", body.toString(), timeoutMillis).ok();
        } catch (IOException failed) {
            return false;
        }
    }

    @Override
    public Optional<String> read(int number, String key, long timeoutMillis) throws IOException {
        ObjectNode body = json.createObjectNode().put("key", base64(key));
        LoopbackHttp.Answer answer = http.send("POST", clientUrl(number) + "/v3/kv/range", body.toString(),
                timeoutMillis);
        if (!answer.ok()) {
            throw new IOException("read of " + key + " from " + name(number) + " answered " + answer.status() + ": "
                    + answer.body());
        }
        JsonNode kvs = json.readTree(answer.body()).path("kvs");
        if (kvs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new String(Base64.getDecoder().decode(kvs.get(0).path("value").asText()),
                StandardCharsets.UTF_8));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        processes.killAll();
        http.close();
    }
}
