package io.raftkv.core.codec;

import io.raftkv.core.Bytes;
import io.raftkv.core.NoSpaceAlarm;
import io.raftkv.core.command.Announce;
import io.raftkv.core.command.Append;
import io.raftkv.core.command.ClearNoSpaceAlarm;
import io.raftkv.core.command.Arithmetic;
import io.raftkv.core.command.ClientSession;
import io.raftkv.core.command.Command;
import io.raftkv.core.command.CompareDelete;
import io.raftkv.core.command.Delete;
import io.raftkv.core.command.Fetch;
import io.raftkv.core.command.FlushAll;
import io.raftkv.core.command.LogEntry;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.RaiseNoSpaceAlarm;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Store;
import io.raftkv.core.command.StoreMode;
import io.raftkv.core.command.Sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The binary form of proposals and log entries. A proposal is what a node sends to the leader: a batch of requests.
 * The leader turns it into a log entry by putting the format version and its clock in front, without decoding it.
 *
 * <pre>
 * proposal  := count:int request*
 * log entry := formatVersion:byte leaderTimeMillis:long proposal
 * request   := hasSession:bool [clientId:bytes sequence:long completedBelow:long] command
 * command   := tag:byte fields
 * </pre>
 *
 * Tags, enum codes and the format version are never reused: a log written by one release must replay on the next.
 * Enums travel as explicit one-byte codes, not ordinals, so reordering an enum cannot change the log.
 */
public final class CommandCodec {
    public static final int FORMAT_VERSION = 1;
    /** The bytes the leader puts in front of a proposal: the format version and its clock. */
    public static final int ENTRY_HEADER_BYTES = 1 + 8;

    private static final int TAG_PUT = 1;
    private static final int TAG_APPEND = 2;
    private static final int TAG_DELETE = 3;
    private static final int TAG_SWEEP = 4;
    private static final int TAG_ANNOUNCE = 5;
    private static final int TAG_STORE = 6;
    private static final int TAG_ARITHMETIC = 7;
    private static final int TAG_FETCH = 8;
    private static final int TAG_COMPARE_DELETE = 9;
    private static final int TAG_FLUSH_ALL = 10;
    private static final int TAG_RAISE_NO_SPACE_ALARM = 11;
    private static final int TAG_CLEAR_NO_SPACE_ALARM = 12;
    /** The least a request can take on the wire: a session flag, a tag and a key's length. */
    private static final int REQUEST_BYTES_MIN = 6;

    private CommandCodec() {
    }

    public static byte[] encodeProposal(List<Request> requests) {
        BinaryWriter writer = new BinaryWriter(64 * requests.size());
        writer.writeInt(requests.size());
        for (Request request : requests) {
            writeRequest(writer, request);
        }
        return writer.toByteArray();
    }

    public static List<Request> decodeProposal(byte[] proposal) {
        BinaryReader reader = new BinaryReader(proposal);
        List<Request> requests = readRequests(reader);
        reader.expectEnd();
        return requests;
    }

    /** The leader's step: stamp a proposal with its clock. The proposal bytes are copied, not decoded. */
    public static byte[] stampEntry(long leaderTimeMillis, byte[] proposal) {
        BinaryWriter writer = new BinaryWriter(ENTRY_HEADER_BYTES + proposal.length);
        writer.writeByte(FORMAT_VERSION);
        writer.writeLong(leaderTimeMillis);
        byte[] header = writer.toByteArray();
        byte[] entry = new byte[header.length + proposal.length];
        System.arraycopy(header, 0, entry, 0, header.length);
        System.arraycopy(proposal, 0, entry, header.length, proposal.length);
        return entry;
    }

    public static byte[] encodeEntry(LogEntry entry) {
        return stampEntry(entry.leaderTimeMillis(), encodeProposal(entry.requests()));
    }

    public static LogEntry decodeEntry(byte[] data) {
        BinaryReader reader = new BinaryReader(data);
        int version = reader.readByte();
        if (version != FORMAT_VERSION) {
            throw new CodecException("unknown log entry format version " + version);
        }
        long leaderTimeMillis = reader.readLong();
        List<Request> requests = readRequests(reader);
        reader.expectEnd();
        if (requests.isEmpty() || leaderTimeMillis < 0) {
            throw new CodecException("log entry with no requests or a negative time");
        }
        return new LogEntry(leaderTimeMillis, requests);
    }

    private static List<Bytes> readByteStrings(BinaryReader reader) {
        int count = reader.readCount(4);
        List<Bytes> values = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            values.add(reader.readBytes());
        }
        return values;
    }

    private static List<Request> readRequests(BinaryReader reader) {
        int count = reader.readCount(REQUEST_BYTES_MIN);
        List<Request> requests = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            requests.add(readRequest(reader));
        }
        return requests;
    }

    private static void writeRequest(BinaryWriter writer, Request request) {
        writer.writeBoolean(request.session().isPresent());
        request.session().ifPresent(session -> {
            writer.writeBytes(session.clientId());
            writer.writeLong(session.sequence());
            writer.writeLong(session.completedBelow());
        });
        writeCommand(writer, request.command());
    }

    private static Request readRequest(BinaryReader reader) {
        Optional<ClientSession> session = Optional.empty();
        if (reader.readBoolean()) {
            Bytes clientId = reader.readBytes();
            long sequence = reader.readLong();
            long completedBelow = reader.readLong();
            try {
                session = Optional.of(new ClientSession(clientId, sequence, completedBelow));
            } catch (IllegalStateException invalid) {
                throw new CodecException("invalid session: " + invalid.getMessage());
            }
        }
        return new Request(session, readCommand(reader));
    }

    private static void writeCommand(BinaryWriter writer, Command<?> command) {
        switch (command) {
            case Put put -> writer.writeByte(TAG_PUT).writeBytes(put.key()).writeBytes(put.value())
                    .writeInt(put.flags()).writeLong(put.ttlMillis()).writeLong(put.ifModRevision());
            case Append append -> writer.writeByte(TAG_APPEND).writeBytes(append.key()).writeBytes(append.suffix())
                    .writeLong(append.ttlMillis()).writeInt(append.valueBytesMax());
            case Delete delete -> writer.writeByte(TAG_DELETE).writeBytes(delete.key());
            case Sweep sweep -> {
                writer.writeByte(TAG_SWEEP).writeInt(sweep.keys().size());
                sweep.keys().forEach(writer::writeBytes);
                writer.writeInt(sweep.idleClientIds().size());
                sweep.idleClientIds().forEach(writer::writeBytes);
            }
            case Announce announce -> writer.writeByte(TAG_ANNOUNCE).writeString(announce.nodeId())
                    .writeString(announce.httpAddress());
            case Store store -> writeStore(writer, store);
            case Arithmetic arithmetic -> writer.writeByte(TAG_ARITHMETIC).writeBytes(arithmetic.key())
                    .writeByte(CommandEnumCodes.code(arithmetic.direction())).writeLong(arithmetic.delta())
                    .writeLong(arithmetic.compareRevision()).writeLong(arithmetic.vivifyTtlMillis())
                    .writeLong(arithmetic.initialValue()).writeLong(arithmetic.ttlMillis());
            case Fetch fetch -> writer.writeByte(TAG_FETCH).writeBytes(fetch.key()).writeLong(fetch.touchTtlMillis())
                    .writeLong(fetch.vivifyTtlMillis()).writeLong(fetch.recacheBelowMillis());
            case CompareDelete delete -> writer.writeByte(TAG_COMPARE_DELETE).writeBytes(delete.key())
                    .writeLong(delete.compareRevision()).writeBoolean(delete.markStale())
                    .writeLong(delete.staleTtlMillis()).writeBoolean(delete.clearValue());
            case FlushAll flush -> writer.writeByte(TAG_FLUSH_ALL).writeLong(flush.delayMillis());
            case RaiseNoSpaceAlarm raise -> writer.writeByte(TAG_RAISE_NO_SPACE_ALARM)
                    .writeString(raise.alarm().nodeId()).writeLong(raise.alarm().freeBytes())
                    .writeLong(raise.alarm().reserveBytes()).writeString(raise.alarm().directory());
            case ClearNoSpaceAlarm clear -> writer.writeByte(TAG_CLEAR_NO_SPACE_ALARM).writeString(clear.nodeId());
        }
    }

    private static void writeStore(BinaryWriter writer, Store store) {
        writer.writeByte(TAG_STORE).writeBytes(store.key()).writeBytes(store.value()).writeInt(store.flags())
                .writeLong(store.ttlMillis()).writeByte(CommandEnumCodes.code(store.mode()))
                .writeLong(store.compareRevision()).writeBoolean(store.invalidateIfOlder())
                .writeLong(store.vivifyTtlMillis()).writeInt(store.valueBytesMax());
    }

    private static Command<?> readCommand(BinaryReader reader) {
        int tag = reader.readByte();
        return switch (tag) {
            case TAG_PUT -> new Put(reader.readBytes(), reader.readBytes(), reader.readInt(), reader.readLong(),
                    reader.readLong());
            case TAG_APPEND -> new Append(reader.readBytes(), reader.readBytes(), reader.readLong(), reader.readInt());
            case TAG_DELETE -> new Delete(reader.readBytes());
            case TAG_SWEEP -> new Sweep(readByteStrings(reader), readByteStrings(reader));
            case TAG_ANNOUNCE -> new Announce(reader.readString(), reader.readString());
            case TAG_STORE -> readStore(reader);
            case TAG_ARITHMETIC -> new Arithmetic(reader.readBytes(), CommandEnumCodes.direction(reader.readByte()),
                    reader.readLong(), reader.readLong(), reader.readLong(), reader.readLong(), reader.readLong());
            case TAG_FETCH -> new Fetch(reader.readBytes(), reader.readLong(), reader.readLong(), reader.readLong());
            case TAG_COMPARE_DELETE -> new CompareDelete(reader.readBytes(), reader.readLong(), reader.readBoolean(),
                    reader.readLong(), reader.readBoolean());
            case TAG_FLUSH_ALL -> new FlushAll(reader.readLong());
            case TAG_RAISE_NO_SPACE_ALARM -> new RaiseNoSpaceAlarm(new NoSpaceAlarm(reader.readString(),
                    reader.readLong(), reader.readLong(), reader.readString()));
            case TAG_CLEAR_NO_SPACE_ALARM -> new ClearNoSpaceAlarm(reader.readString());
            default -> throw new CodecException("unknown command tag " + tag);
        };
    }

    private static Store readStore(BinaryReader reader) {
        Bytes key = reader.readBytes();
        Bytes value = reader.readBytes();
        int flags = reader.readInt();
        long ttlMillis = reader.readLong();
        StoreMode mode = CommandEnumCodes.storeMode(reader.readByte());
        return new Store(key, value, flags, ttlMillis, mode, reader.readLong(), reader.readBoolean(), reader.readLong(),
                reader.readInt());
    }
}
