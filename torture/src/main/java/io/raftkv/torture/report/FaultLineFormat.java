package io.raftkv.torture.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftkv.torture.fault.FaultWindow;

import java.io.IOException;
import java.util.Set;

/**
 * One {@link FaultWindow} as one JSON object, written like an operation: the record's fields in order, {@code null}s
 * left out, decimal milliseconds next to each time for a person, ignored by the reader.
 */
final class FaultLineFormat implements JsonLineFormat<FaultWindow> {
    static final FaultLineFormat INSTANCE = new FaultLineFormat();

    private static final String KIND = "kind";
    private static final String DESCRIPTION = "description";
    private static final String START_NANOS = "startNanos";
    private static final String START_MILLIS = "startMillis";
    private static final String END_NANOS = "endNanos";
    private static final String END_MILLIS = "endMillis";
    private static final Set<String> FIELD_NAMES =
            Set.of(KIND, DESCRIPTION, START_NANOS, START_MILLIS, END_NANOS, END_MILLIS);

    private FaultLineFormat() {
    }

    @Override
    public void write(FaultWindow fault, JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        JsonFieldWriting.writeTextIfPresent(generator, KIND, fault.kind());
        JsonFieldWriting.writeTextIfPresent(generator, DESCRIPTION, fault.description());
        JsonFieldWriting.writeTime(generator, START_NANOS, START_MILLIS, fault.startNanos());
        JsonFieldWriting.writeTime(generator, END_NANOS, END_MILLIS, fault.endNanos());
        generator.writeEndObject();
    }

    @Override
    public FaultWindow read(ObjectNode line) {
        JsonObjectFields fields = new JsonObjectFields(line, FIELD_NAMES);
        return new FaultWindow(fields.optionalText(KIND), fields.optionalText(DESCRIPTION),
                fields.requiredLong(START_NANOS), fields.requiredLong(END_NANOS));
    }
}
