package io.raftkv.torture.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Set;

/** Typed access to the fields of one JSON line, with messages that say which field is wrong and how. */
final class JsonObjectFields {
    private final ObjectNode object;

    JsonObjectFields(ObjectNode object, Set<String> knownFieldNames) {
        this.object = object;
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!knownFieldNames.contains(name)) {
                throw new IllegalArgumentException("unknown field \"" + name + "\"");
            }
        }
    }

    long requiredLong(String name) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(
                    "field \"" + name + "\" must be a whole number that fits 64 bits, found " + value);
        }
        return value.longValue();
    }

    int requiredInt(String name) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException(
                    "field \"" + name + "\" must be a whole number that fits 32 bits, found " + value);
        }
        return value.intValue();
    }

    String requiredText(String name) {
        String text = optionalText(name);
        if (text == null) {
            throw new IllegalArgumentException("missing field \"" + name + "\"");
        }
        return text;
    }

    /** The text of a field, or {@code null} when the writer left it out because it was {@code null}. */
    String optionalText(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field \"" + name + "\" must be a string, found " + value);
        }
        return value.textValue();
    }

    private JsonNode required(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field \"" + name + "\"");
        }
        return value;
    }
}
