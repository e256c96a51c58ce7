package io.raftkv.server;

import io.raftkv.core.Bytes;
import io.raftkv.core.Limits;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Sweep;
import io.raftkv.statemachine.KvStateMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * On the leader only: looks for expired keys and idle client sessions and proposes a {@link Sweep} so that every
 * replica deletes them at the same log position. Reads never return an expired key whether or not the sweep has run
 * (the state machine checks expiry against the cluster clock); the sweep reclaims storage and moves the cluster clock.
 */
final class ExpirySweeper implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweeper.class);
    /** How often the leader looks for expired keys: a key outlives its TTL by at most about this. */
    static final long SWEEP_INTERVAL_MILLIS = 50;
    /** Sessions idle for minutes need no prompt cleanup; looking rarely keeps the scan cheap. */
    static final long SESSION_SWEEP_INTERVAL_MILLIS = 10_000;
    static final int SESSIONS_PER_SWEEP_MAX = 1_000;

    private final KvStateMachine machine;
    private final BooleanSupplier isLeader;
    private final LongSupplier clockMillis;
    private final Function<Request, CompletableFuture<Result>> propose;
    private final int keysPerSweepMax;
    private final AtomicBoolean sweepInFlight = new AtomicBoolean();
    private long nextSessionSweepMillis;

    ExpirySweeper(KvStateMachine machine, BooleanSupplier isLeader, LongSupplier clockMillis,
                  Function<Request, CompletableFuture<Result>> propose) {
        this.machine = machine;
        this.isLeader = isLeader;
        this.clockMillis = clockMillis;
        this.propose = propose;
        this.keysPerSweepMax = Limits.DEFAULT.sweepKeysMax();
    }

    @Override
    public void run() {
        if (!isLeader.getAsBoolean() || sweepInFlight.get()) {
            return;
        }
        long now = clockMillis.getAsLong();
        List<Bytes> keys = machine.expiredKeys(now, keysPerSweepMax);
        List<Bytes> sessions = List.of();
        if (now >= nextSessionSweepMillis) {
            nextSessionSweepMillis = now + SESSION_SWEEP_INTERVAL_MILLIS;
            sessions = machine.idleSessions(now, SESSIONS_PER_SWEEP_MAX);
        }
        if (keys.isEmpty() && sessions.isEmpty()) {
            return;
        }
        sweepInFlight.set(true);
        propose.apply(Request.of(new Sweep(keys, sessions))).whenComplete((result, failure) -> {
            sweepInFlight.set(false);
            if (failure != null) {
                // Leadership moved or the cluster is unavailable: the next leader sweeps the same keys.
                LOG.debug("sweep of {} keys failed: {}", keys.size(), failure.getMessage());
            } else {
                LOG.debug("sweep: {}", result);
            }
        });
    }
}
