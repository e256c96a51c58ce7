package io.raftkv.cli;

import io.raftkv.server.NodeConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Raft group from {@code --peers}: {@code ID=HOST:PORT,...}, or {@code @FILE} with one {@code ID=HOST:PORT} per
 * line (blank lines and {@code #} comments ignored).
 */
final class PeersParser {
    /** The same rule {@link NodeConfig.Peer} enforces, checked here first so a bad id is a usage error. */
    private static final Pattern PEER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private PeersParser() {
    }

    static List<NodeConfig.Peer> parse(String text, String setting) {
        if (text.startsWith("@")) {
            return parseFile(Path.of(text.substring(1)), setting);
        }
        List<String> entries = new ArrayList<>();
        for (String entry : text.split(",")) {
            if (!entry.isBlank()) {
                entries.add(entry.strip());
            }
        }
        return parseEntries(entries, setting);
    }

    private static List<NodeConfig.Peer> parseFile(Path file, String setting) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException unreadable) {
            throw new SettingException(setting + ": cannot read peers file " + file + ": "
                    + SettingException.reason(unreadable), unreadable);
        }
        List<String> entries = new ArrayList<>();
        for (String line : lines) {
            String withoutComment = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            if (!withoutComment.isBlank()) {
                entries.add(withoutComment.strip());
            }
        }
        return parseEntries(entries, setting + " (file " + file + ")");
    }

    private static List<NodeConfig.Peer> parseEntries(List<String> entries, String setting) {
        if (entries.isEmpty()) {
            throw new SettingException(setting + ": no peers given; expected ID=HOST:PORT,...");
        }
        List<NodeConfig.Peer> peers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (String entry : entries) {
            NodeConfig.Peer peer = parseEntry(entry, setting);
            if (!ids.add(peer.id())) {
                throw new SettingException(setting + ": duplicate peer id '" + peer.id() + "'");
            }
            if (!addresses.add(peer.address())) {
                throw new SettingException(setting + ": two peers share the address " + peer.address());
            }
            peers.add(peer);
        }
        return List.copyOf(peers);
    }

    private static NodeConfig.Peer parseEntry(String entry, String setting) {
        int equals = entry.indexOf('=');
        if (equals < 0) {
            throw new SettingException(setting + ": expected ID=HOST:PORT, was '" + entry + "'");
        }
        String id = entry.substring(0, equals).strip();
        if (!PEER_ID.matcher(id).matches()) {
            throw new SettingException(setting + ": peer id must be 1 to 64 of [A-Za-z0-9_-], was '" + id + "'");
        }
        HostPort address = HostPort.parse(entry.substring(equals + 1).strip(), setting + " (peer " + id + ")");
        return new NodeConfig.Peer(id, address.host(), address.port());
    }
}
