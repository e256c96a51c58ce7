package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.core.NoSpaceAlarm;
import io.raftkv.core.command.Announce;
import io.raftkv.core.command.Append;
import io.raftkv.core.command.Arithmetic;
import io.raftkv.core.command.ClearNoSpaceAlarm;
import io.raftkv.core.command.Command;
import io.raftkv.core.command.CompareDelete;
import io.raftkv.core.command.Delete;
import io.raftkv.core.command.Fetch;
import io.raftkv.core.command.FlushAll;
import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.RaiseNoSpaceAlarm;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Result.Rejected;
import io.raftkv.core.command.Store;
import io.raftkv.core.command.Sweep;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;
import io.raftkv.storage.ConsistentView;
import io.raftkv.storage.StorageEngine;
import io.raftkv.storage.StorageTransaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deterministic heart of raftkv: applies log entries to storage. No threads, no clock: time comes from the leader's
 * stamp in each entry, so every replica that applies the same entries in the same order reaches the same bytes.
 *
 * <p>One thread applies; any thread may query or read the position. Each entry is one storage transaction that also
 * records the applied index, term, revision and cluster time, so a restart resumes exactly where the last commit left.
 * Exceptions from apply mean a broken disk or a corrupt store: the node must stop, never skip the entry.
 */
public final class KvStateMachine {
    public static final long SESSION_IDLE_MILLIS_MAX_DEFAULT = 10 * 60 * 1000;

    private final StorageEngine storage;
    private final long sessionIdleMillisMax;
    /** Replaced whole after each commit, so readers on other threads see one consistent position. */
    private volatile AppliedPosition position;
    /** The flush state in META as of the last commit; apply starts each entry from it without reading storage. */
    private volatile FlushState flush;
    /** The NO_SPACE alarms in META as of the last commit: checked on every client write, so kept in memory. */
    private volatile List<NoSpaceAlarm> noSpaceAlarms;
    /**
     * The announced HTTP addresses in META as of the last commit: every HTTP response names its node's view of the
     * members, so they are kept in memory instead of being scanned from storage per response.
     */
    private volatile Map<String, String> memberHttpAddresses;

    public KvStateMachine(StorageEngine storage, long sessionIdleMillisMax) {
        Invariants.check(sessionIdleMillisMax >= 1, "sessionIdleMillisMax must be positive, was %d",
                sessionIdleMillisMax);
        this.storage = storage;
        this.sessionIdleMillisMax = sessionIdleMillisMax;
        this.position = AppliedPosition.load(storage);
        this.flush = FlushState.load(storage);
        this.noSpaceAlarms = NoSpaceAlarms.load(storage);
        this.memberHttpAddresses = MemberDirectory.load(storage);
    }

    /**
     * Applies one log entry: one result per request, in order. Requires {@code index > appliedIndex()}. One storage
     * transaction per entry that also records index, term, revision and cluster time, committed atomically.
     */
    public List<Result> apply(long index, long term, LogEntry entry) {
        AppliedPosition before = position;
        Invariants.check(index > before.appliedIndex(), "entry %d is not after applied index %d",
                index, before.appliedIndex());
        Invariants.check(term >= before.appliedTerm(), "entry term %d precedes applied term %d",
                term, before.appliedTerm());
        // A new leader's clock may be behind the old one's; the cluster clock never goes back.
        long entryTimeMillis = Math.max(before.clusterTimeMillis(), entry.leaderTimeMillis());
        FlushState flushBefore = flush;
        try (StorageTransaction transaction = storage.begin()) {
            EntryContext context = new EntryContext(transaction, entryTimeMillis, before.revision(),
                    FlushCommands.atEntryStart(flushBefore, entryTimeMillis, before.revision()));
            List<Result> results = new ArrayList<>(entry.requests().size());
            for (Request request : entry.requests()) {
                results.add(applyRequest(context, request));
            }
            Invariants.check(context.revision() - before.revision() <= entry.requests().size(),
                    "%d requests moved the revision from %d to %d", entry.requests().size(), before.revision(),
                    context.revision());
            AppliedPosition after = new AppliedPosition(index, term, context.revision(), entryTimeMillis);
            after.save(transaction);
            FlushState flushAfter = context.flush();
            if (!flushAfter.equals(flushBefore)) {
                flushAfter.save(transaction);
            }
            transaction.commit();
            position = after;
            flush = flushAfter;
            if (entry.requests().stream().anyMatch(KvStateMachine::changesAlarms)) {
                noSpaceAlarms = NoSpaceAlarms.load(storage);
            }
            if (entry.requests().stream().anyMatch(request -> request.command() instanceof Announce)) {
                memberHttpAddresses = MemberDirectory.load(storage);
            }
            return results;
        }
    }

    public long appliedIndex() {
        return position.appliedIndex();
    }

    public long appliedTerm() {
        return position.appliedTerm();
    }

    public long revision() {
        return position.revision();
    }

    public long clusterTimeMillis() {
        return position.clusterTimeMillis();
    }

    /**
     * Pins the committed state for a snapshot. Cheap enough for the apply thread (a RocksDB snapshot, or shared maps in
     * memory); the caller writes it on another thread while entries go on being applied.
     */
    public SnapshotView openSnapshotView() {
        ConsistentView view = storage.openView();
        try {
            return new SnapshotView(view);
        } catch (RuntimeException unreadable) {
            view.close();
            throw unreadable;
        }
    }

    /** Reads committed state through one {@code storage.openView()}. */
    public <R extends QueryResult> R query(Query<R> query) {
        return QueryReader.query(storage, query);
    }

    /** For the leader's sweeper: keys whose expiry is at or before {@code nowMillis}, oldest first, at most max. */
    public List<Bytes> expiredKeys(long nowMillis, int max) {
        return ExpiryIndex.expiredKeys(storage, nowMillis, max);
    }

    /**
     * For the leader's sweeper: up to {@code max} keys that a flush_all hid but storage still holds, in byte order,
     * after {@code startAfter} (from the first key when empty). One call reads a bounded number of records; pass the
     * page's {@link FlushedKeys#resumeAfter()} to the next call to go on where it stopped.
     */
    public FlushedKeys flushedKeys(Optional<Bytes> startAfter, int max) {
        return FlushedKeyScan.page(storage, startAfter, max);
    }

    /** Records whose modRevision is at or below this were flushed; 0 before any flush_all took effect. */
    public long flushedThroughRevision() {
        return flush.flushedThroughRevision();
    }

    /**
     * The cluster time at which a delayed flush_all takes effect, 0 when none is pending. It takes effect with the
     * first entry stamped at or after that time, so the leader's sweeper proposes one when it is due.
     */
    public long flushPendingAtMillis() {
        return flush.pendingAtMillis();
    }

    /** For the leader's sweeper: client ids whose session is idle (lastSeen + sessionIdleMillisMax <= nowMillis). */
    public List<Bytes> idleSessions(long nowMillis, int max) {
        return SessionTable.idleClientIds(storage, nowMillis, sessionIdleMillisMax, max);
    }

    /** The active NO_SPACE alarms, ordered by node id; while any is active, nodes refuse client writes. */
    public List<NoSpaceAlarm> noSpaceAlarms() {
        return noSpaceAlarms;
    }

    /**
     * Each member's announced HTTP address by node id (sorted), as of the last applied entry: the same answer as the
     * {@code MemberAddresses} query, without a storage read.
     */
    public Map<String, String> memberHttpAddresses() {
        return memberHttpAddresses;
    }

    public StorageEngine storage() {
        return storage;
    }

    /** After {@code storage.restoreSnapshot(...)}: reloads position, revision, time and flush state from META. */
    public void reload() {
        position = AppliedPosition.load(storage);
        flush = FlushState.load(storage);
        noSpaceAlarms = NoSpaceAlarms.load(storage);
        memberHttpAddresses = MemberDirectory.load(storage);
    }

    private static boolean changesAlarms(Request request) {
        return request.command() instanceof RaiseNoSpaceAlarm || request.command() instanceof ClearNoSpaceAlarm;
    }

    private Result applyRequest(EntryContext context, Request request) {
        Command<?> command = request.command();
        return request.session()
                .map(session -> ExactlyOnce.apply(context, session, command, () -> applyCommand(context, command)))
                .orElseGet(() -> applyCommand(context, command));
    }

    /** A result of the command's own result type: each command class answers with its type, or a rejection. */
    private Result applyCommand(EntryContext context, Command<?> command) {
        Optional<Rejected> rejection = RequestValidator.validate(command);
        if (rejection.isPresent()) {
            return rejection.get();
        }
        return switch (command) {
            case Put put -> KeyCommands.put(context, put);
            case Append append -> KeyCommands.append(context, append);
            case Delete delete -> KeyCommands.delete(context, delete);
            case Sweep sweep -> SweepCommand.apply(context, sweep, sessionIdleMillisMax);
            case Announce announce -> MemberDirectory.announce(context.transaction(), announce);
            case Store store -> StoreCommand.apply(context, store);
            case Arithmetic arithmetic -> ArithmeticCommand.apply(context, arithmetic);
            case Fetch fetch -> FetchCommand.apply(context, fetch);
            case CompareDelete delete -> CompareDeleteCommand.apply(context, delete);
            case FlushAll flushAll -> FlushCommands.flushAll(context, flushAll);
            case RaiseNoSpaceAlarm raise -> NoSpaceAlarms.raise(context.transaction(), raise);
            case ClearNoSpaceAlarm clear -> NoSpaceAlarms.clear(context.transaction(), clear);
        };
    }
}
