package io.raftkv.core.query;

import io.raftkv.core.Bytes;

/** Read one key's value and metadata. */
public record Get(Bytes key) implements Query<GetResult> {
    @Override
    public Class<GetResult> resultType() {
        return GetResult.class;
    }
}
