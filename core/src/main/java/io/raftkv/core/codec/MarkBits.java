package io.raftkv.core.codec;

/**
 * The bits of the byte that holds {@link io.raftkv.core.CacheMarks} in results and stored records. Never reuse a
 * bit: stored records and logged results must read back the same on the next release.
 */
final class MarkBits {
    static final int STALE = 1;
    static final int RECACHE_CLAIMED = 1 << 1;
    static final int ALL = STALE | RECACHE_CLAIMED;

    private MarkBits() {
    }
}
