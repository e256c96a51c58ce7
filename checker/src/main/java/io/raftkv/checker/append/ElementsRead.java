package io.raftkv.checker.append;

import java.util.List;

/**
 * A successful read of the key: its value as the ordered list of the elements appended to it.
 */
public record ElementsRead(List<String> elements, long invokeNanos, long completeNanos) {

    public ElementsRead {
        elements = List.copyOf(elements);
        if (completeNanos < invokeNanos) {
            throw new IllegalArgumentException(String.format(
                    "read completes at %d, before its invocation at %d", completeNanos, invokeNanos));
        }
    }

    @Override
    public String toString() {
        return String.format("read [%d, %d] of %d elements", invokeNanos, completeNanos, elements.size());
    }
}
