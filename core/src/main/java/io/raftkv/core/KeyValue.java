package io.raftkv.core;

/** A key, its value and its metadata, as a read returns them. The value is empty in keys-only listings. */
public record KeyValue(Bytes key, Bytes value, KeyMetadata metadata) {
}
