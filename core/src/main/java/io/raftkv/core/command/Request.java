package io.raftkv.core.command;

import java.util.Optional;

/** One client write: the command and, when the client wants retries deduplicated, its session stamp. */
public record Request(Optional<ClientSession> session, Command command) {
    public static Request of(Command command) {
        return new Request(Optional.empty(), command);
    }
}
