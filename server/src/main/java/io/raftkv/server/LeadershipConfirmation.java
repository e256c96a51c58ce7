package io.raftkv.server;

import io.raftkv.api.ServiceException;
import io.raftkv.core.Invariants;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One round of the leader's check that it still leads: the voters' answers to "what is your term?", counted.
 *
 * <p>Why a majority reporting the leader's own term is enough: a voter's term never decreases, and a leader of a
 * newer term needs the votes of a majority (of each configuration, while one is joint), each of which then has that
 * newer term. Any two majorities of one configuration share a voter, so if a majority answers with this leader's term
 * after the round began, no newer leader existed when it began, and nothing was committed then that the leader's
 * commit index does not cover. Answers from nodes that are not voters do not count. See docs/correctness.md.
 *
 * <p>{@link #run} asks the voters and settles the round; {@link #answered} and {@link #unanswered} count one answer
 * each and are synchronized, since answers arrive on any thread.
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

    private final String leaderId;
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
        this.leaderId = leaderId;
        this.leaderTerm = leaderTerm;
        this.currentVoters = Set.copyOf(currentVoters);
        this.previousVoters = Set.copyOf(previousVoters);
        answered(leaderId, leaderTerm);
    }

    /**
     * Asks every other voter its term and completes with {@code readIndex} once the round is confirmed; fails with
     * {@code UNAVAILABLE} once it is deposed or unreachable. A voter that has not answered within
     * {@code answerTimeoutMillis} counts as silent.
     */
    CompletableFuture<Long> run(long readIndex, Function<String, CompletableFuture<Long>> askTerm,
                                long answerTimeoutMillis) {
        CompletableFuture<Long> confirmed = new CompletableFuture<>();
        settle(confirmed, outcome(), readIndex);
        for (String voter : votersToAsk()) {
            CompletableFuture<Long> answer;
            try {
                answer = askTerm.apply(voter);
            } catch (RuntimeException failure) {
                answer = CompletableFuture.failedFuture(failure);
            }
            answer.orTimeout(answerTimeoutMillis, TimeUnit.MILLISECONDS).whenComplete((term, failure) ->
                    settle(confirmed, failure == null ? answered(voter, term) : unanswered(voter), readIndex));
        }
        return confirmed;
    }

    private void settle(CompletableFuture<Long> confirmed, Outcome now, long readIndex) {
        switch (now) {
            case PENDING -> {
            }
            case CONFIRMED -> confirmed.complete(readIndex);
            case DEPOSED -> confirmed.completeExceptionally(new ServiceException(ServiceException.Kind.UNAVAILABLE,
                    "a voter reports a term newer than leader " + leaderId + "'s term " + leaderTerm));
            case UNREACHABLE -> confirmed.completeExceptionally(new ServiceException(
                    ServiceException.Kind.UNAVAILABLE, "leader " + leaderId
                    + " could not reach a majority of voters to confirm that it leads in term " + leaderTerm));
        }
    }

    /** Every voter other than the leader: the ones to ask. */
    Set<String> votersToAsk() {
        Set<String> voters = new HashSet<>(currentVoters);
        voters.addAll(previousVoters);
        voters.remove(leaderId);
        return voters;
    }

    /** A node answered with its current term. */
    synchronized Outcome answered(String nodeId, long term) {
        if (outcome != Outcome.PENDING || !isVoter(nodeId)) {
            return outcome;
        }
        termByVoter.put(nodeId, term);
        if (term > leaderTerm) {
            outcome = Outcome.DEPOSED;
            return outcome;
        }
        return decide();
    }

    /** A node failed to answer (an error or no answer in time). */
    synchronized Outcome unanswered(String nodeId) {
        if (outcome != Outcome.PENDING || !isVoter(nodeId)) {
            return outcome;
        }
        silentVoters.add(nodeId);
        return decide();
    }

    /** Confirmed once every side has its majority; unreachable once some side can no longer have one. */
    private Outcome decide() {
        if (confirmedBy(currentVoters) && (previousVoters.isEmpty() || confirmedBy(previousVoters))) {
            outcome = Outcome.CONFIRMED;
        } else if (!canStillConfirm(currentVoters)
                || (!previousVoters.isEmpty() && !canStillConfirm(previousVoters))) {
            outcome = Outcome.UNREACHABLE;
        }
        return outcome;
    }

    synchronized Outcome outcome() {
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
