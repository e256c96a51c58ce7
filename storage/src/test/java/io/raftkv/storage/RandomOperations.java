package io.raftkv.storage;

import io.raftkv.core.Bytes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random transactions applied at once to engines and to a plain sorted-map model of what they should hold. Keys come
 * from a small alphabet that includes 0x00, 0x7f, 0x80 and 0xff, so puts, overwrites, deletes and unsigned order all
 * get exercised. Every read through a transaction is checked against the model as it goes.
 */
public final class RandomOperations {
    private static final int[] KEY_ALPHABET = {0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff};
    private static final int KEY_LENGTH_MAX = 3;
    private static final int VALUE_LENGTH_MAX = 20;
    private static final int WRITES_PER_TRANSACTION_MAX = 8;

    private final Random random;
    private final EnumMap<Keyspace, TreeMap<Bytes, Bytes>> model = new EnumMap<>(Keyspace.class);

    public RandomOperations(long seed) {
        this.random = new Random(seed);
        for (Keyspace keyspace : Keyspace.values()) {
            model.put(keyspace, new TreeMap<>());
        }
    }

    /** Runs one random transaction on every engine, committing or discarding it on all of them alike. */
    public void runTransaction(StorageEngine... engines) {
        EnumMap<Keyspace, TreeMap<Bytes, Optional<Bytes>>> pending = new EnumMap<>(Keyspace.class);
        StorageTransaction[] transactions = new StorageTransaction[engines.length];
        for (int index = 0; index < engines.length; index++) {
            transactions[index] = engines[index].begin();
        }
        int writeCount = 1 + random.nextInt(WRITES_PER_TRANSACTION_MAX);
        for (int write = 0; write < writeCount; write++) {
            Keyspace keyspace = Keyspace.values()[random.nextInt(Keyspace.values().length)];
            Bytes key = randomKey();
            Optional<Bytes> value = random.nextInt(3) == 0 ? Optional.empty() : Optional.of(randomValue());
            pending.computeIfAbsent(keyspace, unused -> new TreeMap<>()).put(key, value);
            for (StorageTransaction transaction : transactions) {
                value.ifPresentOrElse(present -> transaction.put(keyspace, key, present),
                        () -> transaction.delete(keyspace, key));
                assertThat(transaction.get(keyspace, key)).isEqualTo(value);
            }
        }
        Keyspace scanned = Keyspace.values()[random.nextInt(Keyspace.values().length)];
        Map<Bytes, Bytes> expected = merged(scanned, pending.getOrDefault(scanned, new TreeMap<>()));
        boolean commit = random.nextInt(5) != 0;
        for (StorageTransaction transaction : transactions) {
            assertThat(StorageEngineContract.scanAll(transaction, scanned)).isEqualTo(expected);
            if (commit) {
                transaction.commit();
            }
            transaction.close();
        }
        if (commit) {
            pending.forEach((keyspace, writes) -> writes.forEach((key, value) -> value.ifPresentOrElse(
                    present -> model.get(keyspace).put(key, present), () -> model.get(keyspace).remove(key))));
        }
    }

    /** The snapshot an engine holding exactly the model must write, byte for byte. */
    public byte[] modelSnapshot() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotWriter writer = SnapshotFormat.writer(out);
        for (Map.Entry<Keyspace, TreeMap<Bytes, Bytes>> keyspace : model.entrySet()) {
            for (Map.Entry<Bytes, Bytes> entry : keyspace.getValue().entrySet()) {
                writer.write(keyspace.getKey(), entry.getKey(), entry.getValue());
            }
        }
        writer.finish();
        return out.toByteArray();
    }

    private Map<Bytes, Bytes> merged(Keyspace keyspace, TreeMap<Bytes, Optional<Bytes>> writes) {
        TreeMap<Bytes, Bytes> result = new TreeMap<>(model.get(keyspace));
        writes.forEach((key, value) -> value.ifPresentOrElse(present -> result.put(key, present),
                () -> result.remove(key)));
        return result;
    }

    private Bytes randomKey() {
        byte[] key = new byte[1 + random.nextInt(KEY_LENGTH_MAX)];
        for (int index = 0; index < key.length; index++) {
            key[index] = (byte) KEY_ALPHABET[random.nextInt(KEY_ALPHABET.length)];
        }
        return Bytes.wrap(key);
    }

    private Bytes randomValue() {
        byte[] value = new byte[random.nextInt(VALUE_LENGTH_MAX + 1)];
        random.nextBytes(value);
        return Bytes.wrap(value);
    }
}
