package io.raftkv.core.command;

import io.raftkv.core.Bytes;

/** Remove a key. */
public record Delete(Bytes key) implements Command {
}
