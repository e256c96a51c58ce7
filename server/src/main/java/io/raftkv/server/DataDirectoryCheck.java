package io.raftkv.server;

import io.raftkv.server.DataDirectoryRefusedException.Reason;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checks a node makes on its data directory before it opens anything in it. A directory with an identity must
 * belong to this node and to the expected cluster; a directory without one must hold no Raft or database files, and
 * then gets this node's identity before Ratis first writes there. Anything else is refused with one paragraph that
 * says what to do, because starting on the wrong data would mix two clusters' histories or lose acknowledged writes.
 */
final class DataDirectoryCheck {
    /** The subdirectories of a data directory that only a raftkv node writes. */
    static final List<String> NODE_SUBDIRECTORIES = List.of(RaftKvNode.RAFT_SUBDIRECTORY,
            StorageEngines.DATABASE_SUBDIRECTORY);
    static final String REPLACE_A_NODE = "docs/operations.md, Replace a dead node";
    /**
     * A node that lost its data must not come back under its old membership: a voter with an empty log could make up a
     * majority that lacks acknowledged writes. It rejoins as a new member instead, which first copies the leader's log.
     */
    static final String REPLACE_ADVICE = "replace the node: remove it from the cluster (raftkv member remove ID), "
            + "delete its data directory, and start it again with --join (" + REPLACE_A_NODE + ")";

    private DataDirectoryCheck() {
    }

    /**
     * The identity this node runs with: the stored one when it checks out, else a new one, written before return.
     *
     * @throws DataDirectoryRefusedException when the directory must not be used by this node
     */
    static ClusterIdentity establish(NodeConfig config) throws IOException {
        Path dataDirectory = Files.createDirectories(config.dataDirectory());
        Optional<ClusterIdentity> stored;
        try {
            stored = ClusterIdentity.load(dataDirectory);
        } catch (ClusterIdentity.IdentityFileException unreadable) {
            throw new DataDirectoryRefusedException(Reason.NOT_A_DATA_DIRECTORY, "the data directory "
                    + dataDirectory + " has an identity file this version of raftkv cannot use: "
                    + unreadable.getMessage() + ". Refusing to start rather than guess which cluster and node the "
                    + "directory belongs to; restore the file from a backup, or " + REPLACE_ADVICE + ".", unreadable);
        }
        if (stored.isPresent()) {
            return checked(config, stored.get());
        }
        List<String> nodeFiles = nodeFilesIn(dataDirectory);
        if (!nodeFiles.isEmpty()) {
            throw new DataDirectoryRefusedException(Reason.NOT_A_DATA_DIRECTORY, "the data directory "
                    + dataDirectory + " holds Raft or database files (" + String.join(", ", nodeFiles) + ") but no "
                    + ClusterIdentity.FILE_NAME + ", so it is not a raftkv data directory of this version (it was "
                    + "written by an older raftkv or by another program). Refusing to start rather than guess which "
                    + "cluster it belongs to: " + REPLACE_ADVICE + ", or restore a snapshot into an empty "
                    + "directory with 'raftkv snapshot restore'.");
        }
        ClusterIdentity fresh = new ClusterIdentity(expectedClusterId(config).orElseGet(
                () -> ClusterIdentity.derivedFrom(config.peers())), config.nodeId());
        fresh.write(dataDirectory);
        return fresh;
    }

    private static ClusterIdentity checked(NodeConfig config, ClusterIdentity stored) {
        Path dataDirectory = config.dataDirectory();
        if (!stored.nodeId().equals(config.nodeId())) {
            throw new DataDirectoryRefusedException(Reason.OTHER_NODE, "the data directory " + dataDirectory
                    + " belongs to node " + stored.nodeId() + " (cluster " + stored.clusterId() + "), not to node "
                    + config.nodeId() + ". Every node needs a data directory of its own: start node "
                    + config.nodeId() + " with its own --data-dir, or start node " + stored.nodeId()
                    + " on this one.");
        }
        Optional<String> expected = expectedClusterId(config);
        if (expected.isPresent() && !expected.get().equals(stored.clusterId())) {
            throw new DataDirectoryRefusedException(Reason.OTHER_CLUSTER, "the data directory " + dataDirectory
                    + " belongs to cluster " + stored.clusterId() + ", but node " + config.nodeId()
                    + " was started for cluster " + expected.get() + " (" + expectationSource(config) + "). If "
                    + "this is the right directory and the cluster's membership changed since it was created, "
                    + "restart the node with the --peers the cluster was created with, or with --cluster-id "
                    + stored.clusterId() + "; otherwise give the node the data directory of its own cluster, or an "
                    + "empty one.");
        }
        return stored;
    }

    /**
     * The cluster this node must belong to: the configured id (given by the operator or learnt from the join
     * endpoint), else the one derived from the bootstrap peers. A joining node that learnt no id expects none.
     */
    static Optional<String> expectedClusterId(NodeConfig config) {
        if (config.clusterId().isPresent()) {
            return config.clusterId();
        }
        return config.join().isEmpty() ? Optional.of(ClusterIdentity.derivedFrom(config.peers())) : Optional.empty();
    }

    private static String expectationSource(NodeConfig config) {
        if (config.clusterId().isPresent()) {
            return config.join().isPresent() ? "learnt from the join endpoint " + config.join().get().endpoint()
                    : "given with --cluster-id";
        }
        return "derived from --peers " + config.peers().stream().map(peer -> peer.id() + "=" + peer.address())
                .sorted().collect(Collectors.joining(","));
    }

    /** The node subdirectories that exist and are not empty, as {@code raft/} and {@code db/}. */
    private static List<String> nodeFilesIn(Path dataDirectory) throws IOException {
        List<String> found = new ArrayList<>();
        for (String name : NODE_SUBDIRECTORIES) {
            Path subdirectory = dataDirectory.resolve(name);
            if (Files.isDirectory(subdirectory) && !isEmpty(subdirectory)) {
                found.add(name + "/");
            } else if (Files.exists(subdirectory) && !Files.isDirectory(subdirectory)) {
                found.add(name);
            }
        }
        return found;
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }
}
