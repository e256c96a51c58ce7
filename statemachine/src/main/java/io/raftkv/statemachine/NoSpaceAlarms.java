package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.NoSpaceAlarm;
import io.raftkv.core.codec.BinaryReader;
import io.raftkv.core.codec.BinaryWriter;
import io.raftkv.core.codec.CodecException;
import io.raftkv.core.command.ClearNoSpaceAlarm;
import io.raftkv.core.command.RaiseNoSpaceAlarm;
import io.raftkv.core.command.Result.Announced;
import io.raftkv.storage.ConsistentView;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.ReadView;
import io.raftkv.storage.StorageEngine;
import io.raftkv.storage.StorageTransaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Active NO_SPACE alarms, kept in META under {@code "alarm/no-space/" + nodeId}. The value holds the free space, the
 * reserve and the directory the node reported, so that every node can tell clients which disk to clean up.
 */
final class NoSpaceAlarms {
    /** The first (and so far only) layout of a stored alarm. */
    private static final int FORMAT_VERSION = 1;

    private NoSpaceAlarms() {
    }

    static Announced raise(StorageTransaction transaction, RaiseNoSpaceAlarm raise) {
        NoSpaceAlarm alarm = raise.alarm();
        byte[] value = new BinaryWriter(32).writeByte(FORMAT_VERSION).writeLong(alarm.freeBytes())
                .writeLong(alarm.reserveBytes()).writeString(alarm.directory()).toByteArray();
        transaction.put(Keyspace.META, MetaKeys.noSpaceAlarm(alarm.nodeId()), Bytes.wrap(value));
        return new Announced();
    }

    static Announced clear(StorageTransaction transaction, ClearNoSpaceAlarm clear) {
        transaction.delete(Keyspace.META, MetaKeys.noSpaceAlarm(clear.nodeId()));
        return new Announced();
    }

    /** Every active alarm, ordered by node id. */
    static List<NoSpaceAlarm> load(StorageEngine storage) {
        try (ConsistentView view = storage.openView()) {
            return read(view);
        }
    }

    private static List<NoSpaceAlarm> read(ReadView view) {
        List<NoSpaceAlarm> alarms = new ArrayList<>();
        int prefixBytes = MetaKeys.NO_SPACE_ALARM_PREFIX.length();
        view.scan(Keyspace.META, MetaKeys.NO_SPACE_ALARM_PREFIX, MetaKeys.NO_SPACE_ALARM_PREFIX.prefixEnd(),
                (key, value) -> {
                    Bytes nodeId = Bytes.wrap(Arrays.copyOfRange(key.unsafeArray(), prefixBytes, key.length()));
                    alarms.add(decode(nodeId, value));
                    return true;
                });
        return List.copyOf(alarms);
    }

    private static NoSpaceAlarm decode(Bytes nodeId, Bytes value) {
        BinaryReader reader = new BinaryReader(value.unsafeArray());
        int version = reader.readByte();
        if (version != FORMAT_VERSION) {
            throw new CodecException("NO_SPACE alarm of " + nodeId + " has unknown format version " + version);
        }
        NoSpaceAlarm alarm = new NoSpaceAlarm(nodeId.asUtf8().orElseThrow(
                () -> new CodecException("NO_SPACE alarm node id " + nodeId + " is not UTF-8")),
                reader.readLong(), reader.readLong(), reader.readString());
        reader.expectEnd();
        return alarm;
    }
}
