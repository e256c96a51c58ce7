package io.raftkv.testing;

import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Bytes;
import io.raftkv.core.command.Result;

import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes a test needs done, each one checked to have taken effect. */
final class Writes {
    private Writes() {
    }

    /** Puts {@code count} keys {@code prefix + index} and returns what was written. */
    static SortedMap<Bytes, Bytes> putAll(RaftKvClient client, String prefix, int count) {
        SortedMap<Bytes, Bytes> written = new TreeMap<>();
        for (int index = 0; index < count; index++) {
            Bytes key = Bytes.utf8(prefix + index);
            Bytes value = Bytes.utf8("value " + index + " of " + prefix);
            assertThat(client.put(key, value)).as("put %s", key).isInstanceOf(Result.Written.class);
            written.put(key, value);
        }
        return written;
    }

    static Result.Written put(RaftKvClient client, String key, String value) {
        Result result = client.put(Bytes.utf8(key), Bytes.utf8(value));
        assertThat(result).as("put %s", key).isInstanceOf(Result.Written.class);
        return (Result.Written) result;
    }
}
