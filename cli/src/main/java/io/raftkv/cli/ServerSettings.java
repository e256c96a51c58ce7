package io.raftkv.cli;

import io.raftkv.core.Limits;
import io.raftkv.server.ClusterIdentity;
import io.raftkv.server.NodeConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything {@code raftkv server} needs, resolved from flags, then environment, then defaults, and validated, so
 * that any problem is one line naming the setting.
 */
record ServerSettings(NodeConfig nodeConfig, HostPort http, Optional<HostPort> memcached) {
    /**
     * A value travels in one Raft log entry, which must fit Ratis' appender buffer
     * ({@code RatisSettings.APPENDER_BUFFER_BYTES_MAX}, 16 MB) together with its framing; the HTTP front end also holds
     * each request body in memory while it is replicated. 8 MiB leaves room for both.
     */
    static final int VALUE_BYTES_MAX_LIMIT = 8 * 1024 * 1024;
    /** Below this, elections would start on ordinary scheduling hiccups; NodeConfig refuses it too. */
    static final long ELECTION_TIMEOUT_MILLIS_MIN = 50;

    static ServerSettings resolve(ServerFlags flags, Map<String, String> environment) {
        Sources sources = new Sources(environment);
        String id = sources.required(flags.id(), "--id", "RAFTKV_ID");
        Optional<String> join = sources.given(flags.join(), "RAFTKV_JOIN").map(text -> JoinSettings.endpoint(text,
                sources.name(flags.join(), "--join", "RAFTKV_JOIN")));
        if (join.isPresent() && sources.given(flags.peers(), "RAFTKV_PEERS").isPresent()) {
            throw new SettingException(sources.name(flags.join(), "--join", "RAFTKV_JOIN") + ": a joining node learns "
                    + "the members from the cluster; give --join or --peers, not both");
        }
        List<NodeConfig.Peer> peers = join.isPresent() ? List.of() : bootstrapPeers(flags, sources, id);
        Path dataDirectory = writableDirectory(
                sources.required(flags.dataDirectory(), "--data-dir", "RAFTKV_DATA_DIR"),
                sources.name(flags.dataDirectory(), "--data-dir", "RAFTKV_DATA_DIR"));
        HostPort http = HostPort.parse(sources.required(flags.http(), "--http", "RAFTKV_HTTP"),
                sources.name(flags.http(), "--http", "RAFTKV_HTTP"));
        Optional<HostPort> memcached = sources.given(flags.memcached(), "RAFTKV_MEMCACHED")
                .map(text -> HostPort.parse(text, sources.name(flags.memcached(), "--memcached", "RAFTKV_MEMCACHED")));
        NodeConfig.StorageKind storage = sources.optional(flags.storage(), "--storage", "RAFTKV_STORAGE", "rocksdb",
                ServerSettings::storageKind);
        int valueBytesMax = sources.optional(flags.valueBytesMax(), "--value-bytes-max", "RAFTKV_VALUE_BYTES_MAX",
                Integer.toString(Limits.VALUE_BYTES_MAX_DEFAULT),
                text -> (int) number(text, 1, VALUE_BYTES_MAX_LIMIT));
        long snapshotEvery = sources.optional(flags.snapshotEvery(), "--snapshot-every", null,
                Long.toString(NodeConfig.SNAPSHOT_EVERY_ENTRIES_DEFAULT), text -> number(text, 1, Long.MAX_VALUE));
        long electionTimeoutMillis = sources.optional(flags.electionTimeout(), "--election-timeout", null,
                NodeConfig.ELECTION_TIMEOUT_MILLIS_DEFAULT + "ms", ServerSettings::electionTimeoutMillis);
        long diskReserveBytes = sources.optional(flags.diskReserve(), "--disk-reserve", "RAFTKV_DISK_RESERVE",
                Long.toString(NodeConfig.DISK_RESERVE_BYTES_DEFAULT), ByteSizeParser::parse);
        Optional<String> clusterId = sources.given(flags.clusterId(), "RAFTKV_CLUSTER_ID")
                .map(text -> clusterId(text, sources.name(flags.clusterId(), "--cluster-id", "RAFTKV_CLUSTER_ID")));
        NodeConfig config = (join.isPresent()
                ? JoinSettings.joining(id, JoinSettings.self(id, sources.required(flags.raft(), "--raft", "RAFTKV_RAFT"),
                        sources.name(flags.raft(), "--raft", "RAFTKV_RAFT")), join.get(), flags.learner(),
                        dataDirectory, storage, Limits.DEFAULT.withValueBytesMax(valueBytesMax), snapshotEvery,
                        electionTimeoutMillis)
                : NodeConfig.bootstrap(id, peers, dataDirectory, storage,
                Limits.DEFAULT.withValueBytesMax(valueBytesMax), snapshotEvery, electionTimeoutMillis,
                NodeConfig.REQUEST_TIMEOUT_MILLIS_DEFAULT)).withDiskReserveBytes(diskReserveBytes)
                .withClusterId(clusterId);
        return new ServerSettings(config, http, memcached);
    }

    private static String clusterId(String text, String setting) {
        if (!ClusterIdentity.isClusterId(text)) {
            throw new SettingException(setting + ": expected a cluster id as 'raftkv status' shows it (a lower-case "
                    + "UUID such as 1b4e28ba-2fa1-31d2-883f-0016d3cca427), was '" + text + "'");
        }
        return text;
    }

    /** A bootstrapping node's peers: this node among them, and {@code --raft}, if given, agreeing. */
    private static List<NodeConfig.Peer> bootstrapPeers(ServerFlags flags, Sources sources, String id) {
        if (flags.learner()) {
            throw new SettingException("--learner: only a joining node (--join) can start as a learner");
        }
        List<NodeConfig.Peer> peers = PeersParser.parse(sources.required(flags.peers(), "--peers", "RAFTKV_PEERS"),
                sources.name(flags.peers(), "--peers", "RAFTKV_PEERS"));
        NodeConfig.Peer self = peers.stream().filter(peer -> peer.id().equals(id)).findFirst().orElseThrow(
                () -> new SettingException(sources.name(flags.id(), "--id", "RAFTKV_ID") + ": '" + id
                        + "' is not among the peers " + peers.stream().map(NodeConfig.Peer::id)
                        .collect(Collectors.joining(", "))));
        sources.given(flags.raft(), "RAFTKV_RAFT").ifPresent(raft -> JoinSettings.requireAgreement(self, raft,
                sources.name(flags.raft(), "--raft", "RAFTKV_RAFT")));
        return peers;
    }

    private static NodeConfig.StorageKind storageKind(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "rocksdb" -> NodeConfig.StorageKind.ROCKSDB;
            case "memory" -> NodeConfig.StorageKind.MEMORY;
            default -> throw new IllegalArgumentException("expected rocksdb or memory, was '" + text + "'");
        };
    }

    private static long electionTimeoutMillis(String text) {
        long millis = DurationParser.parse(text).toMillis();
        if (millis < ELECTION_TIMEOUT_MILLIS_MIN) {
            throw new IllegalArgumentException("must be at least " + ELECTION_TIMEOUT_MILLIS_MIN + "ms, was " + text);
        }
        return millis;
    }

    private static long number(String text, long minimum, long maximum) {
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException notNumber) {
            throw new IllegalArgumentException("expected a whole number, was '" + text + "'");
        }
        if (value < minimum || value > maximum) {
            throw new IllegalArgumentException("must be " + minimum + " to " + maximum + ", was " + value);
        }
        return value;
    }

    /** Creates the directory if needed; a node that cannot write its log must not start. */
    private static Path writableDirectory(String text, String setting) {
        Path directory = Path.of(text).toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException cannotCreate) {
            throw new SettingException(setting + ": cannot create directory " + directory + ": "
                    + SettingException.reason(cannotCreate), cannotCreate);
        }
        if (!Files.isWritable(directory)) {
            throw new SettingException(setting + ": directory " + directory + " is not writable");
        }
        return directory;
    }

    /** Where each setting comes from: the flag, else the environment variable, else the default. */
    private record Sources(Map<String, String> environment) {
        String required(String flagValue, String flag, String variable) {
            String value = flagValue != null ? flagValue : environment.get(variable);
            if (value == null || value.isBlank()) {
                throw new SettingException("missing setting " + flag + " (or environment variable " + variable + ")");
            }
            return value.strip();
        }

        /** The flag's value, else the variable's, else nothing: for settings that are off unless given. */
        Optional<String> given(String flagValue, String variable) {
            String value = flagValue != null ? flagValue : environment.get(variable);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }

        /** The name to blame in a message: the flag if it was given, else the variable. */
        String name(String flagValue, String flag, String variable) {
            return flagValue != null || variable == null || environment.get(variable) == null ? flag : variable;
        }

        <T> T optional(String flagValue, String flag, String variable, String defaultValue,
                       Function<String, T> parser) {
            String fromEnvironment = variable == null ? null : environment.get(variable);
            String value = flagValue != null ? flagValue
                    : fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : defaultValue;
            try {
                return parser.apply(value.strip());
            } catch (IllegalArgumentException invalid) {
                throw new SettingException(name(flagValue, flag, variable) + ": " + invalid.getMessage(), invalid);
            }
        }
    }
}
