package io.raftkv.server;

import io.raftkv.api.ClusterMember;
import io.raftkv.api.ServiceException;
import io.raftkv.core.Invariants;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The membership as the leader sees it, and the changes an operator may ask of it. Pure: it decides what the next
 * configuration is, or refuses with a {@link ServiceException} that says why; {@link Membership} talks to Ratis.
 *
 * @param leaderId            the leader that reported this view
 * @param voters              the voting members
 * @param learners            the non-voting members (Ratis listeners)
 * @param transitional        whether a change is still being committed (Raft's joint configuration)
 * @param leaderCommitIndex   the leader's commit index
 * @param commitIndexById     each member's commit index, as the leader last heard it
 * @param lastContactMillisById how long ago the leader last heard from each member other than itself
 */
record MembershipView(String leaderId, List<Entry> voters, List<Entry> learners, boolean transitional,
                      long leaderCommitIndex, Map<String, Long> commitIndexById,
                      Map<String, Long> lastContactMillisById) {

    MembershipView {
        voters = List.copyOf(voters);
        learners = List.copyOf(learners);
        commitIndexById = Map.copyOf(commitIndexById);
        lastContactMillisById = Map.copyOf(lastContactMillisById);
        Invariants.check(voters.stream().anyMatch(voter -> voter.id().equals(leaderId)),
                "leader %s is not among the voters %s", leaderId, voters);
    }

    /** A member's id and Raft address. */
    record Entry(String id, String raftAddress) {
    }

    /**
     * The configuration to ask Ratis for, and what it does in words for the log.
     *
     * @param description one line such as "add n4 at 127.0.0.1:9084 as a learner"
     */
    record Change(List<Entry> voters, List<Entry> learners, String description) {
        Change {
            voters = List.copyOf(voters);
            learners = List.copyOf(learners);
        }
    }

    List<ClusterMember> members(Map<String, String> httpAddressById) {
        return Stream.concat(
                        voters.stream().map(voter -> member(voter, ClusterMember.Role.VOTER, httpAddressById)),
                        learners.stream().map(learner -> member(learner, ClusterMember.Role.LEARNER, httpAddressById)))
                .toList();
    }

    /**
     * The members once {@code change} is committed, with what this view knows of each: a member being added has no
     * lag or contact yet, and a removed leader is no longer listed.
     */
    List<ClusterMember> membersAfter(Change change, Map<String, String> httpAddressById) {
        return Stream.concat(
                        change.voters().stream().map(voter -> member(voter, ClusterMember.Role.VOTER,
                                httpAddressById)),
                        change.learners().stream().map(learner -> member(learner, ClusterMember.Role.LEARNER,
                                httpAddressById)))
                .toList();
    }

    private ClusterMember member(Entry entry, ClusterMember.Role role, Map<String, String> httpAddressById) {
        boolean isLeader = entry.id().equals(leaderId);
        OptionalLong lastContact = isLeader ? OptionalLong.of(0)
                : optional(lastContactMillisById.get(entry.id()));
        return new ClusterMember(entry.id(), entry.raftAddress(), Optional.ofNullable(httpAddressById.get(entry.id())),
                role, isLeader, lagOf(entry.id()), lastContact);
    }

    /** How many committed entries the member lacks, as far as the leader knows. */
    OptionalLong lagOf(String id) {
        if (id.equals(leaderId)) {
            return OptionalLong.of(0);
        }
        Long commitIndex = commitIndexById.get(id);
        return commitIndex == null ? OptionalLong.empty()
                : OptionalLong.of(Math.max(0, leaderCommitIndex - commitIndex));
    }

    /** Whether this configuration is the one {@code change} asked for: the same voters and learners. */
    boolean holds(Change change) {
        return ids(voters).equals(ids(change.voters())) && ids(learners).equals(ids(change.learners()));
    }

    private static Set<String> ids(List<Entry> entries) {
        return entries.stream().map(Entry::id).collect(Collectors.toSet());
    }

    Optional<Entry> find(String id) {
        return Stream.concat(voters.stream(), learners.stream()).filter(entry -> entry.id().equals(id)).findFirst();
    }

    boolean isVoter(String id) {
        return voters.stream().anyMatch(voter -> voter.id().equals(id));
    }

    Change add(String id, String raftAddress, boolean learner) {
        requireStable();
        find(id).ifPresent(existing -> {
            throw invalid("id " + id + " is already a member at " + existing.raftAddress() + "; pick another id, or "
                    + "`raftkv member remove " + id + "` first if it is being replaced");
        });
        Stream.concat(voters.stream(), learners.stream())
                .filter(entry -> entry.raftAddress().equals(raftAddress))
                .findFirst()
                .ifPresent(existing -> {
                    throw invalid("Raft address " + raftAddress + " is already used by member " + existing.id());
                });
        Entry added = new Entry(id, raftAddress);
        return learner
                ? new Change(voters, append(learners, added), "add " + id + " at " + raftAddress + " as a learner")
                : new Change(append(voters, added), learners, "add " + id + " at " + raftAddress + " as a voter");
    }

    Change promote(String id) {
        requireStable();
        Entry learner = find(id).orElseThrow(() -> notAMember(id));
        if (isVoter(id)) {
            throw invalid(id + " is already a voter; only a learner can be promoted");
        }
        return new Change(append(voters, learner), without(learners, id), "promote " + id + " to voter");
    }

    /**
     * Removes a member. Removing the last member is always refused: a cluster with no member can never answer again.
     * Removing a voter is refused when the voters left that the leader heard from within {@code aliveWithinMillis}
     * would not be a majority of the new configuration, since it could then commit nothing, this change included;
     * {@code force} skips only that check.
     */
    Change remove(String id, boolean force, long aliveWithinMillis) {
        requireStable();
        find(id).orElseThrow(() -> notAMember(id));
        if (voters.size() + learners.size() == 1) {
            throw invalid("refused: " + id + " is the last member, and a cluster without members can never answer "
                    + "again. To retire the cluster, stop the node; to replace it, add the new member first, then "
                    + "remove this one");
        }
        if (!isVoter(id)) {
            return new Change(voters, without(learners, id), "remove learner " + id);
        }
        List<Entry> votersLeft = without(voters, id);
        if (votersLeft.isEmpty()) {
            throw invalid("refused: " + id + " is the only voter, and learners alone cannot elect a leader. Promote "
                    + "a learner first (`raftkv member promote ID`), then remove " + id);
        }
        long reachable = votersLeft.stream().filter(voter -> isAlive(voter.id(), aliveWithinMillis)).count();
        if (!force && !Quorum.isMajority(reachable, votersLeft.size())) {
            throw invalid("refused: would leave " + reachable + " of " + votersLeft.size() + " voters reachable, no "
                    + "quorum; use --force to do it anyway");
        }
        return new Change(votersLeft, learners, "remove voter " + id + (force ? " (forced)" : ""));
    }

    /** The leader is alive by definition; others if the leader heard from them recently. */
    boolean isAlive(String id, long aliveWithinMillis) {
        if (id.equals(leaderId)) {
            return true;
        }
        Long lastContact = lastContactMillisById.get(id);
        return lastContact != null && lastContact <= aliveWithinMillis;
    }

    private void requireStable() {
        if (transitional) {
            throw new ServiceException(ServiceException.Kind.UNAVAILABLE,
                    "a membership change is still being committed; try again in a moment");
        }
    }

    private ServiceException notAMember(String id) {
        return invalid("'" + id + "' is not a member; the members are " + Stream.concat(voters.stream(),
                learners.stream()).map(Entry::id).sorted().collect(Collectors.joining(", ")));
    }

    private static ServiceException invalid(String message) {
        return new ServiceException(ServiceException.Kind.INVALID, message);
    }

    private static List<Entry> append(List<Entry> entries, Entry added) {
        List<Entry> result = new ArrayList<>(entries);
        result.add(added);
        return result;
    }

    private static List<Entry> without(List<Entry> entries, String id) {
        Predicate<Entry> isRemoved = entry -> entry.id().equals(id);
        return entries.stream().filter(isRemoved.negate()).toList();
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    Set<String> ids() {
        return Stream.concat(voters.stream(), learners.stream()).map(Entry::id).collect(Collectors.toSet());
    }
}
