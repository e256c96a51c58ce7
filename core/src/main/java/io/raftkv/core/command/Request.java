package io.raftkv.core.command;

import java.util.Optional;

/**
 * One write as the log holds it: the command and, when the client wants retries deduplicated, its session stamp.
 * Requests of any command travel together in one entry, so the command's result type is not kept here.
 */
public record Request(Optional<ClientSession> session, Command<?> command) {
    public static Request of(Command<?> command) {
        return new Request(Optional.empty(), command);
    }
}
