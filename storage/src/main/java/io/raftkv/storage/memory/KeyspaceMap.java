package io.raftkv.storage.memory;

import io.raftkv.core.Bytes;

import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One key space's sorted entries and how many open views share them. While any view shares a map, the engine never
 * changes it: the next commit to that key space copies it first (copy on write), so views stay point-in-time without
 * holding a lock, and a commit pays for the copy at most once per view.
 */
final class KeyspaceMap {
    private final TreeMap<Bytes, Bytes> entries;
    private final AtomicInteger viewCount = new AtomicInteger();

    KeyspaceMap(TreeMap<Bytes, Bytes> entries) {
        this.entries = entries;
    }

    static KeyspaceMap empty() {
        return new KeyspaceMap(new TreeMap<>());
    }

    TreeMap<Bytes, Bytes> entries() {
        return entries;
    }

    boolean sharedWithViews() {
        return viewCount.get() > 0;
    }

    void addView() {
        viewCount.incrementAndGet();
    }

    void removeView() {
        viewCount.decrementAndGet();
    }

    /** A private copy that the engine may change while views keep reading this one. */
    KeyspaceMap copyForWriting() {
        return new KeyspaceMap(new TreeMap<>(entries));
    }
}
