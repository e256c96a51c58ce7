package io.raftkv.torture.fault;

import io.raftkv.core.Invariants;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * A partition made concrete: which directed links between nodes are cut. Every shape is symmetric, so a cut link is
 * always cut in both directions.
 *
 * @param description    for a person: "partition {n1,n2} | {n3,n4,n5}", "ring n1-n3-n2-n5-n4"
 * @param separatedLinks every (from, to) pair of distinct nodes whose packets are dropped
 */
public record NetworkCut(String description, Set<Link> separatedLinks) {

    /** Packets from one node to another. */
    public record Link(String from, String to) {
    }

    public NetworkCut {
        separatedLinks = Set.copyOf(separatedLinks);
    }

    /**
     * Draws the sides of {@code shape} over {@code nodeIds}. The leader, when known, is the node an isolated-leader
     * cut isolates; without one a random node is.
     */
    public static NetworkCut of(PartitionShape shape, List<String> nodeIds, Optional<String> leaderId,
                                Random random) {
        Invariants.check(nodeIds.size() >= shape.nodeCountMin(), "a %s partition needs at least %d nodes, got %s",
                shape, shape.nodeCountMin(), nodeIds);
        List<String> shuffled = new ArrayList<>(nodeIds);
        Collections.shuffle(shuffled, random);
        return switch (shape) {
            case MAJORITY_MINORITY -> majorityMinority(nodeIds, shuffled);
            case ISOLATED_LEADER -> isolated(nodeIds, leaderId.orElse(shuffled.getFirst()), leaderId.isPresent());
            case BRIDGE -> bridge(nodeIds, shuffled);
            case RING -> ring(nodeIds, shuffled);
        };
    }

    /** True when packets from {@code from} to {@code to} are dropped. */
    public boolean separates(String from, String to) {
        return separatedLinks.contains(new Link(from, to));
    }

    private static NetworkCut majorityMinority(List<String> nodeIds, List<String> shuffled) {
        Set<String> minority = sorted(shuffled.subList(0, nodeIds.size() / 2));
        Set<String> majority = sorted(shuffled.subList(nodeIds.size() / 2, shuffled.size()));
        return new NetworkCut("partition " + braces(minority) + " | " + braces(majority),
                cut(nodeIds, (one, other) -> minority.contains(one) == minority.contains(other)));
    }

    private static NetworkCut isolated(List<String> nodeIds, String isolated, boolean isLeader) {
        Set<String> rest = sorted(nodeIds.stream().filter(node -> !node.equals(isolated)).toList());
        return new NetworkCut("partition {" + isolated + "} | " + braces(rest)
                + (isLeader ? " (isolated leader)" : " (isolated random node, no leader found)"),
                cut(nodeIds, (one, other) -> !one.equals(isolated) && !other.equals(isolated)));
    }

    private static NetworkCut bridge(List<String> nodeIds, List<String> shuffled) {
        String bridge = shuffled.getFirst();
        int halfSize = (shuffled.size() - 1) / 2;
        Set<String> left = sorted(shuffled.subList(1, 1 + halfSize));
        Set<String> right = sorted(shuffled.subList(1 + halfSize, shuffled.size()));
        return new NetworkCut("bridge " + braces(left) + " | " + braces(right) + " via " + bridge,
                cut(nodeIds, (one, other) -> one.equals(bridge) || other.equals(bridge)
                        || left.contains(one) == left.contains(other)));
    }

    private static NetworkCut ring(List<String> nodeIds, List<String> shuffled) {
        int size = shuffled.size();
        return new NetworkCut("ring " + String.join("-", shuffled), cut(nodeIds, (one, other) -> {
            int distance = Math.abs(shuffled.indexOf(one) - shuffled.indexOf(other));
            return distance == 1 || distance == size - 1;
        }));
    }

    /** Every directed link between distinct nodes that do not see each other. */
    private static Set<Link> cut(List<String> nodeIds, BiPredicate<String, String> sees) {
        Set<Link> links = new LinkedHashSet<>();
        for (String from : nodeIds) {
            for (String to : nodeIds) {
                if (!from.equals(to) && !sees.test(from, to)) {
                    links.add(new Link(from, to));
                }
            }
        }
        return links;
    }

    /** Node ids in their natural order (n1 before n2; clusters have at most 7 nodes, so text order is fine). */
    private static Set<String> sorted(List<String> nodes) {
        return nodes.stream().sorted().collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String braces(Set<String> nodes) {
        return "{" + String.join(",", nodes) + "}";
    }
}
