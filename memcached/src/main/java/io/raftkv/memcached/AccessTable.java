package io.raftkv.memcached;

import io.raftkv.core.Bytes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * This node's memory of when keys were last read and whether they were read since their last write, for the meta
 * flags h and l and for me. Best effort and per node: reads and writes through other nodes are not seen, and keys
 * beyond {@code keysMax} are forgotten least recently used first. Shared by the node's connections, so synchronized.
 */
final class AccessTable {
    /**
     * @param lastAccessMillis this node's clock at the key's last read or write here
     * @param fetched          the key was read here since its last write here
     */
    record Access(long lastAccessMillis, boolean fetched) {
    }

    /** LinkedHashMap's own defaults, spelled out because the access-order constructor needs them. */
    private static final int INITIAL_CAPACITY = 16;
    private static final float LOAD_FACTOR = 0.75f;

    private final Map<Bytes, Access> accesses;

    AccessTable(int keysMax) {
        this.accesses = new LinkedHashMap<>(INITIAL_CAPACITY, LOAD_FACTOR, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Bytes, Access> eldest) {
                return size() > keysMax;
            }
        };
    }

    /** Records a read now and returns what was known before it. */
    synchronized Optional<Access> recordRead(Bytes key, long nowMillis) {
        return Optional.ofNullable(accesses.put(key, new Access(nowMillis, true)));
    }

    synchronized Optional<Access> peek(Bytes key) {
        return Optional.ofNullable(accesses.get(key));
    }

    /** A write here makes the key new: not fetched since. */
    synchronized void recordWrite(Bytes key, long nowMillis) {
        accesses.put(key, new Access(nowMillis, false));
    }

    synchronized void forget(Bytes key) {
        accesses.remove(key);
    }

    synchronized int size() {
        return accesses.size();
    }
}
