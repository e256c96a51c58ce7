package io.raftkv.core.command;

/**
 * A change proposed to the replicated log. Every replica applies the same commands in the same order with the same
 * leader-stamped time, so every replica reaches the same state.
 *
 * <p>Commands come in families: {@link ClientCommand}s, which a front end may send, and {@link InternalCommand}s,
 * which only the node itself proposes. Each command names the result type it produces, {@code R}, whose variants are
 * exactly what the state machine can answer it with. A write that carries a client session may instead be answered
 * {@link Result.SequenceForgotten}, which belongs to the session layer and to no command's result type.
 *
 * @param <R> the result the state machine answers this command with
 */
public sealed interface Command<R extends Result> permits ClientCommand, InternalCommand {

    /** The class of {@code R}, so that a decoded result can be checked against it instead of cast blindly. */
    Class<R> resultType();
}
