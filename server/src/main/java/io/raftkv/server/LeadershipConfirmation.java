package io.raftkv.server;

import io.raftkv.core.Invariants;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One round of the leader's check that it still leads: the voters' answers to "what is your term?", counted.
 *
 * <p>Why a majority reporting the leader's own term is enough: a voter's term never decreases, and a leader of a
 * newer term needs the votes of a majority (of each configuration, while one is joint), each of which then has that
 * newer term. Any two majorities of one configuration share a voter, so if a majority answers with this leader's term
 * after the round began, no newer leader existed when it began, and nothing was committed then that the leader's
 * commit index does not cover. Answers from nodes that are not voters do not count. See docs/correctness.md.
 *
 * <p>Not thread-safe: the caller serializes {@link #answered} and {@link #unanswered}.
 */
final class LeadershipConfirmation {
    /** Where a round stands. */
    enum Outcome {
        /** Not yet a majority either way. */
        PENDING,
        /** A majority of every configuration reported the leader's term: the leader led when the round began. */
        CONFIRMED,
        /** A voter reported a newer term: a newer leader may exist, the round fails. */
        DEPOSED,
        /** Too many voters failed to answer for a majority to be possible: the round fails. */
        UNREACHABLE
    }

    private final long leaderTerm;
    private final Set<String> currentVoters;
    /** The previous configuration's voters while a change is in progress (joint consensus); empty otherwise. */
    private final Set<String> previousVoters;
    private final Map<String, Long> termByVoter = new HashMap<>();
    private final Set<String> silentVoters = new HashSet<>();
    private Outcome outcome = Outcome.PENDING;

    /**
     * @param leaderId       counts as having answered with {@code leaderTerm}, where it is a voter
     * @param previousVoters empty unless the configuration is joint
     */
    LeadershipConfirmation(String leaderId, long leaderTerm, Set<String> currentVoters, Set<String> previousVoters) {
        Invariants.check(!currentVoters.isEmpty(), "a configuration needs at least one voter");
        this.leaderTerm = leaderTerm;
        this.currentVoters = Set.copyOf(currentVoters);
        this.previousVoters = Set.copyOf(previousVoters);
        answered(leaderId, leaderTerm);
    }

    /** Every voter other than the leader: the ones to ask. */
    Set<String> votersToAsk(String leaderId) {
        Set<String> voters = new HashSet<>(currentVoters);
        voters.addAll(previousVoters);
        voters.remove(leaderId);
        return voters;
    }

    /** A node answered with its current term. */
    Outcome answered(String nodeId, long term) {
        if (outcome != Outcome.PENDING || !isVoter(nodeId)) {
            return outcome;
        }
        termByVoter.put(nodeId, term);
        if (term > leaderTerm) {
            outcome = Outcome.DEPOSED;
            return outcome;
        }
        return settle();
    }

    /** A node failed to answer (an error or no answer in time). */
    Outcome unanswered(String nodeId) {
        if (outcome != Outcome.PENDING || !isVoter(nodeId)) {
            return outcome;
        }
        silentVoters.add(nodeId);
        return settle();
    }

    /** Confirmed once every side has its majority; unreachable once some side can no longer have one. */
    private Outcome settle() {
        if (confirmedBy(currentVoters) && (previousVoters.isEmpty() || confirmedBy(previousVoters))) {
            outcome = Outcome.CONFIRMED;
        } else if (!canStillConfirm(currentVoters)
                || (!previousVoters.isEmpty() && !canStillConfirm(previousVoters))) {
            outcome = Outcome.UNREACHABLE;
        }
        return outcome;
    }

    Outcome outcome() {
        return outcome;
    }

    private boolean isVoter(String nodeId) {
        return currentVoters.contains(nodeId) || previousVoters.contains(nodeId);
    }

    /** Whether a majority of {@code voters} reported exactly the leader's term. */
    private boolean confirmedBy(Set<String> voters) {
        long confirming = voters.stream().filter(voter -> termByVoter.getOrDefault(voter, -1L) == leaderTerm).count();
        return Quorum.isMajority(confirming, voters.size());
    }

    /** Whether the voters that may still confirm (not yet answered, or answered the leader's term) make a majority. */
    private boolean canStillConfirm(Set<String> voters) {
        long possible = voters.stream().filter(voter -> !silentVoters.contains(voter)
                && termByVoter.getOrDefault(voter, leaderTerm) == leaderTerm).count();
        return Quorum.isMajority(possible, voters.size());
    }
}
