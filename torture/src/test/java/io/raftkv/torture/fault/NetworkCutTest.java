package io.raftkv.torture.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which links each partition shape cuts. Seeds are fixed, so every run checks the same draws. */
class NetworkCutTest {
    private static final int SEEDS = 50;

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7})
    void majorityMinorityCutsExactlyTheLinksBetweenTwoSidesOfTheRightSizes(int nodeCount) {
        for (int seed = 0; seed < SEEDS; seed++) {
            List<String> nodes = nodes(nodeCount);
            NetworkCut cut = NetworkCut.of(PartitionShape.MAJORITY_MINORITY, nodes, Optional.empty(),
                    new Random(seed));

            List<Set<String>> sides = components(cut, nodes);
            assertThat(sides).as("seed %d: %s", seed, cut).hasSize(2);
            assertThat(sides.stream().map(Set::size).sorted().toList()).as("seed %d", seed)
                    .containsExactly(nodeCount / 2, nodeCount - nodeCount / 2);
            assertThat(cut.separatedLinks()).as("seed %d", seed)
                    .hasSize(2 * (nodeCount / 2) * (nodeCount - nodeCount / 2));
            assertSymmetric(cut, nodes);
        }
    }

    @Test
    void majorityMinoritySidesVaryWithTheDraw() {
        List<String> nodes = nodes(5);

        Set<String> descriptions = IntStream.range(0, SEEDS).mapToObj(seed -> NetworkCut.of(
                PartitionShape.MAJORITY_MINORITY, nodes, Optional.empty(), new Random(seed)).description())
                .collect(Collectors.toSet());

        assertThat(descriptions).hasSizeGreaterThan(1);
        assertThat(descriptions)
                .allMatch(description -> description.matches("partition \\{n\\d,n\\d} \\| \\{n\\d,n\\d,n\\d}"));
    }

    @Test
    void isolatedLeaderCutsTheLeaderFromEveryoneAndNothingElse() {
        List<String> nodes = nodes(5);

        NetworkCut cut = NetworkCut.of(PartitionShape.ISOLATED_LEADER, nodes, Optional.of("n3"), new Random(1));

        for (String node : nodes) {
            assertThat(reachable(cut, node, nodes)).as(node)
                    .isEqualTo(node.equals("n3") ? Set.of() : Set.copyOf(without(nodes, "n3", node)));
        }
        assertThat(cut.description()).isEqualTo("partition {n3} | {n1,n2,n4,n5} (isolated leader)");
    }

    @Test
    void isolatedLeaderWithoutALeaderIsolatesSomeNodeAndSaysSo() {
        NetworkCut cut = NetworkCut.of(PartitionShape.ISOLATED_LEADER, nodes(3), Optional.empty(), new Random(7));

        assertThat(components(cut, nodes(3)).stream().map(Set::size).sorted()).containsExactly(1, 2);
        assertThat(cut.description()).endsWith("(isolated random node, no leader found)");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7})
    void bridgeSeesBothHalvesWhichCannotSeeEachOther(int nodeCount) {
        for (int seed = 0; seed < SEEDS; seed++) {
            List<String> nodes = nodes(nodeCount);
            NetworkCut cut = NetworkCut.of(PartitionShape.BRIDGE, nodes, Optional.empty(), new Random(seed));

            List<String> bridges = nodes.stream()
                    .filter(node -> reachable(cut, node, nodes).size() == nodeCount - 1).toList();
            assertThat(bridges).as("seed %d: %s", seed, cut).hasSize(1);
            String bridge = bridges.getFirst();
            assertThat(cut.description()).endsWith(" via " + bridge);
            for (String node : without(nodes, bridge)) {
                Set<String> seen = reachable(cut, node, nodes);
                assertThat(seen).as("seed %d: %s sees %s", seed, node, seen).contains(bridge);
                // The halves are as equal as they can be, so with an odd count each half plus the bridge is a majority.
                assertThat(seen.size() + 1).as("seed %d: %s's side", seed, node)
                        .isBetween((nodeCount - 1) / 2 + 1, nodeCount / 2 + 1);
            }
            assertSymmetric(cut, nodes);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 6, 7})
    void ringLetsEveryNodeSeeExactlyItsTwoNeighbours(int nodeCount) {
        for (int seed = 0; seed < SEEDS; seed++) {
            List<String> nodes = nodes(nodeCount);
            NetworkCut cut = NetworkCut.of(PartitionShape.RING, nodes, Optional.empty(), new Random(seed));

            for (String node : nodes) {
                assertThat(reachable(cut, node, nodes)).as("seed %d: %s in %s", seed, node, cut).hasSize(2);
            }
            List<String> ring = List.of(cut.description().substring("ring ".length()).split("-"));
            assertThat(ring).containsExactlyInAnyOrderElementsOf(nodes);
            for (int index = 0; index < ring.size(); index++) {
                String next = ring.get((index + 1) % ring.size());
                assertThat(cut.separates(ring.get(index), next)).as("seed %d: %s-%s", seed, ring.get(index), next)
                        .isFalse();
            }
            assertSymmetric(cut, nodes);
        }
    }

    @Test
    void aRingOfFiveGivesEveryNodeAMajorityButNoCommonOne() {
        List<String> nodes = nodes(5);
        NetworkCut cut = NetworkCut.of(PartitionShape.RING, nodes, Optional.empty(), new Random(3));

        assertThat(cut.separatedLinks()).hasSize(10);
        for (String node : nodes) {
            assertThat(reachable(cut, node, nodes).size() + 1).isEqualTo(3);
        }
    }

    @Test
    void shapesNeedEnoughNodes() {
        assertThatThrownBy(() -> NetworkCut.of(PartitionShape.RING, nodes(3), Optional.empty(), new Random(0)))
                .hasMessageContaining("at least 4 nodes");
        assertThatThrownBy(() -> NetworkCut.of(PartitionShape.BRIDGE, nodes(2), Optional.empty(), new Random(0)))
                .hasMessageContaining("at least 3 nodes");
    }

    @Test
    void theSameDrawGivesTheSameCut() {
        NetworkCut first = NetworkCut.of(PartitionShape.BRIDGE, nodes(5), Optional.empty(), new Random(42));
        NetworkCut second = NetworkCut.of(PartitionShape.BRIDGE, nodes(5), Optional.empty(), new Random(42));

        assertThat(second).isEqualTo(first);
    }

    static List<String> nodes(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(number -> "n" + number).toList();
    }

    private static List<String> without(List<String> nodes, String... excluded) {
        return nodes.stream().filter(node -> !List.of(excluded).contains(node)).toList();
    }

    /** The nodes {@code node} can send to. */
    private static Set<String> reachable(NetworkCut cut, String node, List<String> nodes) {
        return nodes.stream().filter(other -> !other.equals(node) && !cut.separates(node, other))
                .collect(Collectors.toSet());
    }

    /** Groups of nodes that all see each other, for shapes whose "sees" relation is an equivalence. */
    private static List<Set<String>> components(NetworkCut cut, List<String> nodes) {
        return nodes.stream().<Set<String>>map(node -> {
            Set<String> group = new TreeSet<>(reachable(cut, node, nodes));
            group.add(node);
            return group;
        }).distinct().toList();
    }

    private static void assertSymmetric(NetworkCut cut, List<String> nodes) {
        for (String from : nodes) {
            for (String to : nodes) {
                assertThat(cut.separates(from, to)).as("%s->%s vs %s->%s", from, to, to, from)
                        .isEqualTo(cut.separates(to, from));
            }
        }
        assertThat(cut.separatedLinks()).noneMatch(link -> link.from().equals(link.to()));
    }
}
