package io.raftkv.statemachine;

import io.raftkv.core.Bytes;

import java.util.List;
import java.util.Optional;

/**
 * One page of the keys that a flush_all hid but storage still holds, for the leader's sweeper.
 *
 * @param keys        flushed keys in byte order
 * @param resumeAfter where the next page starts (exclusive), or empty when this page reached the last key
 */
public record FlushedKeys(List<Bytes> keys, Optional<Bytes> resumeAfter) {
    public FlushedKeys {
        keys = List.copyOf(keys);
    }

    /** Whether the scan reached the end of the key space. */
    public boolean complete() {
        return resumeAfter.isEmpty();
    }
}
