package io.raftkv.testing;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyValue;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every key under a prefix as one node returned it, page after page.
 *
 * @param revision the store revision the first page was read at
 */
public record Listing(long revision, SortedMap<Bytes, KeyValue> keyValues) {

    public Listing {
        keyValues = Collections.unmodifiableSortedMap(new TreeMap<>(keyValues));
    }

    /** The values alone, for comparing a node's data with what a test wrote. */
    public SortedMap<Bytes, Bytes> values() {
        TreeMap<Bytes, Bytes> values = new TreeMap<>();
        keyValues.forEach((key, keyValue) -> values.put(key, keyValue.value()));
        return values;
    }
}
