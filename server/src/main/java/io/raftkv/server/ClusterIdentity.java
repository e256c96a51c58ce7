package io.raftkv.server;

import io.raftkv.core.Invariants;
import org.apache.ratis.protocol.RaftGroupId;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which cluster a data directory belongs to, and which node of it. Stored in {@value #FILE_NAME} in the data
 * directory, written once before Ratis first starts there. The cluster id is also the Raft group id, so nodes of
 * different clusters can never exchange Raft messages: Ratis refuses requests for a group it does not serve.
 *
 * @param clusterId a UUID in its canonical text form
 * @param nodeId    the node the directory belongs to
 */
public record ClusterIdentity(String clusterId, String nodeId) {
    public static final String FILE_NAME = "raftkv-identity.properties";
    /** The version of the file's layout; a later layout gets a new number, and this code refuses it. */
    static final int FORMAT = 1;
    static final String FORMAT_KEY = "format";
    static final String CLUSTER_ID_KEY = "cluster-id";
    static final String NODE_ID_KEY = "node-id";
    /** Keeps derived ids apart from name-based UUIDs derived from anything else. */
    private static final String DERIVATION_PREFIX = "raftkv-cluster:";
    private static final String TEMPORARY_SUFFIX = ".writing";

    public ClusterIdentity {
        Invariants.check(isClusterId(clusterId), "cluster id must be a UUID, was '%s'", clusterId);
        Invariants.check(nodeId != null && !nodeId.isBlank(), "node id must not be blank");
    }

    /** Whether {@code text} is a cluster id: a UUID in its canonical (lower-case, hyphenated) text form. */
    public static boolean isClusterId(String text) {
        if (text == null) {
            return false;
        }
        try {
            return UUID.fromString(text).toString().equals(text);
        } catch (IllegalArgumentException notUuid) {
            return false;
        }
    }

    /**
     * The id of a cluster bootstrapped from {@code peers}: a name-based UUID of the sorted {@code id=host:port} list,
     * so every node started with the same peers computes the same id without talking to the others.
     */
    public static String derivedFrom(List<NodeConfig.Peer> peers) {
        Invariants.check(!peers.isEmpty(), "a cluster id cannot be derived from no peers");
        String members = peers.stream()
                .map(peer -> peer.id() + "=" + peer.address())
                .sorted(Comparator.naturalOrder())
                .collect(Collectors.joining(","));
        return UUID.nameUUIDFromBytes((DERIVATION_PREFIX + members).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The Raft group every member of this cluster serves. */
    public RaftGroupId groupId() {
        return RaftGroupId.valueOf(UUID.fromString(clusterId));
    }

    public static Path file(Path dataDirectory) {
        return dataDirectory.resolve(FILE_NAME);
    }

    /**
     * The identity stored in the data directory, empty when there is none.
     *
     * @throws IdentityFileException when the file exists but is not a valid identity file of this version
     */
    public static Optional<ClusterIdentity> load(Path dataDirectory) throws IOException {
        Path file = file(dataDirectory);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(parse(Files.readString(file, StandardCharsets.UTF_8), file));
    }

    static ClusterIdentity parse(String text, Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new StringReader(text)) {
            properties.load(reader);
        } catch (IllegalArgumentException malformed) {
            throw new IdentityFileException(file + " is malformed: " + malformed.getMessage());
        }
        String format = properties.getProperty(FORMAT_KEY);
        if (!Integer.toString(FORMAT).equals(format)) {
            throw new IdentityFileException(file + " has format " + format + "; this version of raftkv reads format "
                    + FORMAT);
        }
        String clusterId = properties.getProperty(CLUSTER_ID_KEY);
        String nodeId = properties.getProperty(NODE_ID_KEY);
        if (!isClusterId(clusterId) || nodeId == null || nodeId.isBlank()) {
            throw new IdentityFileException(file + " does not hold a valid " + CLUSTER_ID_KEY + " and "
                    + NODE_ID_KEY);
        }
        return new ClusterIdentity(clusterId, nodeId);
    }

    /** The file's content: fixed order and no date comment, so the same identity always gives the same bytes. */
    String render() {
        return "# raftkv data directory identity: written once, never edit it or copy it to another node\n"
                + FORMAT_KEY + "=" + FORMAT + "\n"
                + CLUSTER_ID_KEY + "=" + clusterId + "\n"
                + NODE_ID_KEY + "=" + nodeId + "\n";
    }

    /**
     * Writes the identity into the data directory so that a crash leaves either no file or the whole file: a
     * temporary file, flushed, renamed over the final name, and the directory flushed so the rename survives.
     */
    public void write(Path dataDirectory) throws IOException {
        Path target = file(dataDirectory);
        Path temporary = dataDirectory.resolve(FILE_NAME + TEMPORARY_SUFFIX);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(StandardCharsets.UTF_8.encode(render()));
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directory = FileChannel.open(dataDirectory, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    /** The identity file exists but cannot be read as one of this version. */
    public static final class IdentityFileException extends IOException {
        IdentityFileException(String message) {
            super(message);
        }
    }
}
