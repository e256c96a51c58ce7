package io.raftkv.torture.fault;

/** How a partition splits the nodes; the concrete sides are drawn when it is injected (see {@link NetworkCut}). */
public enum PartitionShape {
    /** A random minority of ⌊n/2⌋ nodes is cut off from the majority. */
    MAJORITY_MINORITY(2),
    /** The leader (or a random node while there is none) is cut off from everyone else. */
    ISOLATED_LEADER(2),
    /** Two halves that cannot see each other, and one node that sees both: each half plus it is a majority. */
    BRIDGE(3),
    /**
     * The nodes in a random ring, each seeing only its two neighbours: with 5 nodes each sees a majority (itself and
     * two others), but no two neighbours' majorities are the same.
     */
    RING(4);

    private final int nodeCountMin;

    PartitionShape(int nodeCountMin) {
        this.nodeCountMin = nodeCountMin;
    }

    /** Fewer nodes than this leave nothing to cut (a ring of three is a full mesh). */
    public int nodeCountMin() {
        return nodeCountMin;
    }
}
