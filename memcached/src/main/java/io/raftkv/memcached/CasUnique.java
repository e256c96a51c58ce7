package io.raftkv.memcached;

import io.raftkv.core.KeyMetadata;

/**
 * memcached's CAS unique is the key's modRevision: it changes on every write of the key and is unique across the
 * cluster. Clients send it back as an unsigned 64-bit number.
 */
final class CasUnique {
    /**
     * A revision no key ever has. 0 (revisions start at 1) and values above Long.MAX_VALUE (negative as a long)
     * never match a key, so they are compared as this, whatever the store makes of 0.
     */
    static final long NEVER_MATCHES = Long.MAX_VALUE;

    private CasUnique() {
    }

    /** The modRevision to compare with for a CAS unique the client sent (as a long's bits). */
    static long compareRevision(long casUnique) {
        return casUnique > 0 ? casUnique : NEVER_MATCHES;
    }

    static boolean matches(long casUnique, KeyMetadata metadata) {
        return casUnique == metadata.modRevision();
    }

    static String of(KeyMetadata metadata) {
        return Long.toString(metadata.modRevision());
    }
}
