package io.raftkv.server;

import io.raftkv.core.Bytes;
import io.raftkv.core.Limits;
import io.raftkv.core.command.Result.Swept;
import io.raftkv.core.command.Sweep;
import io.raftkv.statemachine.KvStateMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * On the leader only: looks for expired keys, keys a flush_all hid, and idle client sessions, and proposes a
 * {@link Sweep} so that every replica deletes them at the same log position. Reads never return an expired or flushed
 * key whether or not the sweep has run (the state machine judges both against the cluster clock and the flush state);
 * the sweep reclaims storage and moves the cluster clock. When a delayed flush_all is due, it proposes a sweep even if
 * there is nothing to list, because the flush takes effect only with an entry stamped at or after its time.
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
    private final Function<Sweep, CompletableFuture<Swept>> propose;
    private final int keysPerSweepMax;
    private final AtomicBoolean sweepInFlight = new AtomicBoolean();
    private final FlushedKeyWalk flushedKeyWalk = new FlushedKeyWalk();
    private long nextSessionSweepMillis;

    ExpirySweeper(KvStateMachine machine, BooleanSupplier isLeader, LongSupplier clockMillis,
                  Function<Sweep, CompletableFuture<Swept>> propose) {
        this.machine = machine;
        this.isLeader = isLeader;
        this.clockMillis = clockMillis;
        this.propose = propose;
        this.keysPerSweepMax = Limits.DEFAULT.sweepKeysMax();
    }

    @Override
    public void run() {
        if (!isLeader.getAsBoolean()) {
            // A leader elected later may have missed sweeps proposed meanwhile: it walks the flushed keys afresh.
            flushedKeyWalk.restart();
            return;
        }
        if (sweepInFlight.get()) {
            return;
        }
        long now = clockMillis.getAsLong();
        List<Bytes> keys = new ArrayList<>(machine.expiredKeys(now, keysPerSweepMax));
        keys.addAll(flushedKeyWalk.nextKeys(machine, keysPerSweepMax - keys.size()));
        List<Bytes> sessions = List.of();
        if (now >= nextSessionSweepMillis) {
            nextSessionSweepMillis = now + SESSION_SWEEP_INTERVAL_MILLIS;
            sessions = machine.idleSessions(now, SESSIONS_PER_SWEEP_MAX);
        }
        if (keys.isEmpty() && sessions.isEmpty() && !flushIsDue(now)) {
            return;
        }
        sweepInFlight.set(true);
        propose.apply(new Sweep(keys, sessions)).whenComplete((result, failure) -> {
            sweepInFlight.set(false);
            if (failure != null) {
                // Leadership moved or the cluster is unavailable: the next leader sweeps the same keys.
                flushedKeyWalk.restart();
                LOG.debug("sweep of {} keys failed: {}", keys.size(), failure.getMessage());
            } else {
                LOG.debug("sweep: {}", result);
            }
        });
    }

    private boolean flushIsDue(long nowMillis) {
        long pendingAtMillis = machine.flushPendingAtMillis();
        return pendingAtMillis != 0 && nowMillis >= pendingAtMillis;
    }
}
