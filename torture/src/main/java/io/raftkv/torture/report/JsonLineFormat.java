package io.raftkv.torture.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * How one kind of item is written as, and read back from, one JSON object on its own line.
 *
 * @param <T> the item
 */
interface JsonLineFormat<T> {
    /** Writes the item as one JSON object, without the line break. */
    void write(T item, JsonGenerator generator) throws IOException;

    /**
     * Reads an item back from the object {@link #write} produced.
     *
     * @throws IllegalArgumentException when a field is missing, unknown or of the wrong type
     */
    T read(ObjectNode line);
}
