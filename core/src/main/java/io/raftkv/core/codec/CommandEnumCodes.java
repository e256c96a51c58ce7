package io.raftkv.core.codec;

import io.raftkv.core.command.Arithmetic.Direction;
import io.raftkv.core.command.StoreMode;

/**
 * The one-byte codes of the enums that commands carry. Explicit codes rather than ordinals, so that reordering or
 * extending an enum cannot change what an old log entry means. Never reuse a code.
 */
final class CommandEnumCodes {
    private CommandEnumCodes() {
    }

    static int code(StoreMode mode) {
        return switch (mode) {
            case SET -> 0;
            case ADD -> 1;
            case REPLACE -> 2;
            case APPEND -> 3;
            case PREPEND -> 4;
        };
    }

    static StoreMode storeMode(int code) {
        return switch (code) {
            case 0 -> StoreMode.SET;
            case 1 -> StoreMode.ADD;
            case 2 -> StoreMode.REPLACE;
            case 3 -> StoreMode.APPEND;
            case 4 -> StoreMode.PREPEND;
            default -> throw new CodecException("unknown store mode " + code);
        };
    }

    static int code(Direction direction) {
        return switch (direction) {
            case INCREMENT -> 0;
            case DECREMENT -> 1;
        };
    }

    static Direction direction(int code) {
        return switch (code) {
            case 0 -> Direction.INCREMENT;
            case 1 -> Direction.DECREMENT;
            default -> throw new CodecException("unknown arithmetic direction " + code);
        };
    }
}
