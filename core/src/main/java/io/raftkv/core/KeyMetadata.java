package io.raftkv.core;

/**
 * What the store knows about a key besides its value.
 *
 * @param flags           32 client-defined bits, stored as given
 * @param version         1 at creation, +1 for every change of this key
 * @param createRevision  the cluster revision that created the key
 * @param modRevision     the cluster revision of the key's last change
 * @param expiresAtMillis cluster-clock time at which the key expires, 0 for never
 */
public record KeyMetadata(int flags, long version, long createRevision, long modRevision, long expiresAtMillis) {
    public static final long NEVER_EXPIRES = 0;

    public KeyMetadata {
        Invariants.check(version >= 1, "version must be at least 1, was %d", version);
        Invariants.check(createRevision >= 1, "createRevision must be at least 1, was %d", createRevision);
        Invariants.check(modRevision >= createRevision,
                "modRevision %d must not precede createRevision %d", modRevision, createRevision);
        Invariants.check(expiresAtMillis >= 0, "expiresAtMillis must not be negative, was %d", expiresAtMillis);
    }

    public boolean expires() {
        return expiresAtMillis != NEVER_EXPIRES;
    }

    /** True when the key is gone at the given cluster time. */
    public boolean isExpiredAt(long clusterTimeMillis) {
        return expires() && expiresAtMillis <= clusterTimeMillis;
    }

    /** Flags as the unsigned number clients see. */
    public long flagsUnsigned() {
        return Integer.toUnsignedLong(flags);
    }
}
