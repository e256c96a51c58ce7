package io.raftkv.core.codec;

/** Bytes that do not decode: corruption in storage or the log, or a malformed message from the network. */
public final class CodecException extends RuntimeException {
    public CodecException(String message) {
        super(message);
    }
}
