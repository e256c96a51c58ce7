package io.raftkv.core.command;

import io.raftkv.core.Bytes;

/** Remove a key. */
public record Delete(Bytes key) implements KeyValueCommand<DeleteResult> {
    @Override
    public Class<DeleteResult> resultType() {
        return DeleteResult.class;
    }
}
