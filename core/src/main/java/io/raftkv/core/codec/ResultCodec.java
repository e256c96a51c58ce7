package io.raftkv.core.codec;

import io.raftkv.core.KeyMetadata;
import io.raftkv.core.KeyValue;
import io.raftkv.core.command.Result;
import io.raftkv.core.command.Result.Announced;
import io.raftkv.core.command.Result.Counted;
import io.raftkv.core.command.Result.Deleted;
import io.raftkv.core.command.Result.Fetched;
import io.raftkv.core.command.Result.Flushed;
import io.raftkv.core.command.Result.NotFound;
import io.raftkv.core.command.Result.RejectReason;
import io.raftkv.core.command.Result.Rejected;
import io.raftkv.core.command.Result.RevisionMismatch;
import io.raftkv.core.command.Result.SequenceForgotten;
import io.raftkv.core.command.Result.Swept;
import io.raftkv.core.command.Result.Written;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The binary form of results: the reply to a proposal (one result per request, in order), and the single results the
 * state machine keeps so that a retried write gets the first answer again.
 */
public final class ResultCodec {
    private static final int TAG_WRITTEN = 1;
    private static final int TAG_DELETED = 2;
    private static final int TAG_NOT_FOUND = 3;
    private static final int TAG_REVISION_MISMATCH = 4;
    private static final int TAG_REJECTED = 5;
    private static final int TAG_SWEPT = 6;
    private static final int TAG_ANNOUNCED = 7;
    private static final int TAG_SEQUENCE_FORGOTTEN = 8;
    private static final int TAG_COUNTED = 9;
    private static final int TAG_FETCHED = 10;
    private static final int TAG_FLUSHED = 11;

    private ResultCodec() {
    }

    public static byte[] encodeAll(List<Result> results) {
        BinaryWriter writer = new BinaryWriter(48 * results.size());
        writer.writeInt(results.size());
        results.forEach(result -> write(writer, result));
        return writer.toByteArray();
    }

    public static List<Result> decodeAll(byte[] data) {
        BinaryReader reader = new BinaryReader(data);
        int count = reader.readCount(1);
        List<Result> results = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            results.add(read(reader));
        }
        reader.expectEnd();
        return results;
    }

    public static byte[] encode(Result result) {
        BinaryWriter writer = new BinaryWriter(48);
        write(writer, result);
        return writer.toByteArray();
    }

    public static Result decode(byte[] data) {
        BinaryReader reader = new BinaryReader(data);
        Result result = read(reader);
        reader.expectEnd();
        return result;
    }

    private static void write(BinaryWriter writer, Result result) {
        switch (result) {
            case Written written -> writer.writeByte(TAG_WRITTEN).writeMetadata(written.metadata());
            case Deleted deleted -> writer.writeByte(TAG_DELETED).writeLong(deleted.revision())
                    .writeMetadata(deleted.previous());
            case NotFound ignored -> writer.writeByte(TAG_NOT_FOUND);
            case RevisionMismatch mismatch -> {
                writer.writeByte(TAG_REVISION_MISMATCH).writeBoolean(mismatch.current().isPresent());
                mismatch.current().ifPresent(writer::writeMetadata);
            }
            case Rejected rejected -> writer.writeByte(TAG_REJECTED).writeByte(rejected.reason().ordinal())
                    .writeString(rejected.message());
            case Swept swept -> writer.writeByte(TAG_SWEPT).writeInt(swept.keysExpired())
                    .writeInt(swept.sessionsForgotten());
            case Announced ignored -> writer.writeByte(TAG_ANNOUNCED);
            case SequenceForgotten forgotten -> writer.writeByte(TAG_SEQUENCE_FORGOTTEN)
                    .writeLong(forgotten.sequence()).writeLong(forgotten.completedBelow());
            case Counted counted -> writer.writeByte(TAG_COUNTED).writeMetadata(counted.metadata())
                    .writeLong(counted.value());
            case Fetched fetched -> writer.writeByte(TAG_FETCHED).writeBytes(fetched.keyValue().key())
                    .writeBytes(fetched.keyValue().value()).writeMetadata(fetched.keyValue().metadata())
                    .writeMarks(fetched.marks()).writeBoolean(fetched.won());
            case Flushed flushed -> writer.writeByte(TAG_FLUSHED).writeLong(flushed.flushAtMillis());
        }
    }

    private static Result read(BinaryReader reader) {
        int tag = reader.readByte();
        return switch (tag) {
            case TAG_WRITTEN -> new Written(reader.readMetadata());
            case TAG_DELETED -> new Deleted(reader.readLong(), reader.readMetadata());
            case TAG_NOT_FOUND -> new NotFound();
            case TAG_REVISION_MISMATCH -> {
                Optional<KeyMetadata> current = reader.readBoolean()
                        ? Optional.of(reader.readMetadata()) : Optional.empty();
                yield new RevisionMismatch(current);
            }
            case TAG_REJECTED -> new Rejected(readReason(reader), reader.readString());
            case TAG_SWEPT -> new Swept(reader.readInt(), reader.readInt());
            case TAG_ANNOUNCED -> new Announced();
            case TAG_SEQUENCE_FORGOTTEN -> new SequenceForgotten(reader.readLong(), reader.readLong());
            case TAG_COUNTED -> new Counted(reader.readMetadata(), reader.readLong());
            case TAG_FETCHED -> new Fetched(new KeyValue(reader.readBytes(), reader.readBytes(), reader.readMetadata()),
                    reader.readMarks(), reader.readBoolean());
            case TAG_FLUSHED -> new Flushed(reader.readLong());
            default -> throw new CodecException("unknown result tag " + tag);
        };
    }

    /** Reasons travel as ordinals, so {@link RejectReason} only ever grows at its end. */
    private static RejectReason readReason(BinaryReader reader) {
        int ordinal = reader.readByte();
        RejectReason[] reasons = RejectReason.values();
        if (ordinal >= reasons.length) {
            throw new CodecException("unknown reject reason " + ordinal);
        }
        return reasons[ordinal];
    }
}
