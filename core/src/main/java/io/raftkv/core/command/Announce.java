package io.raftkv.core.command;

/**
 * A node records its client-facing addresses in the replicated state, so that every node can tell clients and
 * operators where each member answers. It changes no key and does not move the revision.
 *
 * @param nodeId      the Raft peer id
 * @param httpAddress HOST:PORT of the node's HTTP API
 */
public record Announce(String nodeId, String httpAddress) implements InternalCommand<AnnounceResult> {
    @Override
    public Class<AnnounceResult> resultType() {
        return AnnounceResult.class;
    }
}
