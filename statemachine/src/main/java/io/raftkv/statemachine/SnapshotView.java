package io.raftkv.statemachine;

import io.raftkv.storage.ConsistentView;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One point in the state machine's history, pinned for a snapshot: the storage view and the applied position read from
 * that same view, so the index, term and revision a snapshot claims are exactly those of the bytes it holds, whatever
 * the apply thread has done since. Opening it is cheap; writing it may run on any thread. Close it promptly.
 */
public final class SnapshotView implements AutoCloseable {
    private final ConsistentView view;
    private final AppliedPosition position;

    SnapshotView(ConsistentView view) {
        this.view = view;
        this.position = AppliedPosition.load(view);
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

    /** Writes the pinned state in the storage module's snapshot format. */
    public void writeTo(OutputStream out) throws IOException {
        view.writeSnapshot(out);
    }

    @Override
    public void close() {
        view.close();
    }
}
