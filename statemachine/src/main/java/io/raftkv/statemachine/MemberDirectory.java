package io.raftkv.statemachine;

import io.raftkv.core.Bytes;
import io.raftkv.core.codec.CodecException;
import io.raftkv.core.command.Announce;
import io.raftkv.core.command.Result.Announced;
import io.raftkv.storage.ConsistentView;
import io.raftkv.storage.Keyspace;
import io.raftkv.storage.ReadView;
import io.raftkv.storage.StorageEngine;
import io.raftkv.storage.StorageTransaction;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Announced member addresses, kept in META under {@code "member/" + nodeId} as UTF-8 text. */
final class MemberDirectory {
    private MemberDirectory() {
    }

    static Announced announce(StorageTransaction transaction, Announce announce) {
        transaction.put(Keyspace.META, MetaKeys.member(announce.nodeId()), Bytes.utf8(announce.httpAddress()));
        return new Announced();
    }

    /** Every announced address, by node id, as of the last commit; an unmodifiable copy. */
    static Map<String, String> load(StorageEngine storage) {
        try (ConsistentView view = storage.openView()) {
            return Collections.unmodifiableMap(read(view));
        }
    }

    static Map<String, String> read(ReadView view) {
        Map<String, String> httpAddressByNode = new TreeMap<>();
        int prefixBytes = MetaKeys.MEMBER_PREFIX.length();
        view.scan(Keyspace.META, MetaKeys.MEMBER_PREFIX, MetaKeys.MEMBER_PREFIX.prefixEnd(), (key, value) -> {
            String nodeId = utf8(Bytes.wrap(Arrays.copyOfRange(key.unsafeArray(), prefixBytes, key.length())));
            httpAddressByNode.put(nodeId, utf8(value));
            return true;
        });
        return httpAddressByNode;
    }

    private static String utf8(Bytes stored) {
        return stored.asUtf8().orElseThrow(() -> new CodecException("member entry " + stored + " is not UTF-8"));
    }
}
