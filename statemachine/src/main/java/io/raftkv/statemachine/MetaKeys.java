package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.codec.CodecException;

import java.nio.ByteBuffer;

/**
 * The fixed ASCII keys of the META key space and the encoding of their values. Readable names make a dumped store
 * easy to inspect, and they never collide with the "member/" prefix.
 */
final class MetaKeys {
    static final Bytes APPLIED_INDEX = Bytes.utf8("applied-index");
    static final Bytes APPLIED_TERM = Bytes.utf8("applied-term");
    static final Bytes REVISION = Bytes.utf8("revision");
    static final Bytes CLUSTER_TIME_MILLIS = Bytes.utf8("cluster-time-millis");
    /** Records whose modRevision is at or below this were flushed by flush_all. Absent means 0. */
    static final Bytes FLUSHED_THROUGH_REVISION = Bytes.utf8("flushed-through-revision");
    /** The cluster time at which a delayed flush_all takes effect. Absent means none is pending. */
    static final Bytes FLUSH_PENDING_AT_MILLIS = Bytes.utf8("flush-pending-at-millis");
    static final Bytes MEMBER_PREFIX = Bytes.utf8("member/");
    /** Active NO_SPACE alarms, one per node (see {@link NoSpaceAlarms}). */
    static final Bytes NO_SPACE_ALARM_PREFIX = Bytes.utf8("alarm/no-space/");

    private static final int LONG_BYTES = Long.BYTES;

    private MetaKeys() {
    }

    static Bytes member(String nodeId) {
        return MEMBER_PREFIX.concat(Bytes.utf8(nodeId));
    }

    static Bytes noSpaceAlarm(String nodeId) {
        return NO_SPACE_ALARM_PREFIX.concat(Bytes.utf8(nodeId));
    }

    /** Eight bytes, big-endian, so that the layout matches the other fixed-width numbers in storage. */
    static Bytes encodeLong(long value) {
        return Bytes.wrap(ByteBuffer.allocate(LONG_BYTES).putLong(value).array());
    }

    static long decodeLong(Bytes key, Bytes value) {
        if (value.length() != LONG_BYTES) {
            throw new CodecException("META " + key + " must hold " + LONG_BYTES + " bytes, held " + value.length());
        }
        return ByteBuffer.wrap(value.unsafeArray()).getLong();
    }
}
