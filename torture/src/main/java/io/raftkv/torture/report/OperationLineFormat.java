package io.raftkv.torture.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftkv.torture.history.Outcome;
import io.raftkv.torture.history.RecordedOperation;

import java.io.IOException;
import java.util.Set;

/**
 * One {@link RecordedOperation} as one JSON object: the record's fields in their order, {@code null}s left out, the
 * outcome in lower case, and decimal milliseconds next to each time so that a person can scan the file. The reader
 * ignores the milliseconds; the nanoseconds are the truth.
 */
final class OperationLineFormat implements JsonLineFormat<RecordedOperation> {
    static final OperationLineFormat INSTANCE = new OperationLineFormat();

    private static final String INDEX = "index";
    private static final String PROCESS = "process";
    private static final String FUNCTION = "function";
    private static final String KEY = "key";
    private static final String INPUT = "input";
    private static final String OUTPUT = "output";
    private static final String NODE = "node";
    private static final String INVOKE_NANOS = "invokeNanos";
    private static final String INVOKE_MILLIS = "invokeMillis";
    private static final String COMPLETE_NANOS = "completeNanos";
    private static final String COMPLETE_MILLIS = "completeMillis";
    private static final String OUTCOME = "outcome";
    private static final String ERROR = "error";
    private static final Set<String> FIELD_NAMES = Set.of(INDEX, PROCESS, FUNCTION, KEY, INPUT, OUTPUT, NODE,
            INVOKE_NANOS, INVOKE_MILLIS, COMPLETE_NANOS, COMPLETE_MILLIS, OUTCOME, ERROR);

    private OperationLineFormat() {
    }

    @Override
    public void write(RecordedOperation operation, JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        generator.writeNumberField(INDEX, operation.index());
        generator.writeNumberField(PROCESS, operation.process());
        JsonFieldWriting.writeTextIfPresent(generator, FUNCTION, operation.function());
        JsonFieldWriting.writeTextIfPresent(generator, KEY, operation.key());
        JsonFieldWriting.writeTextIfPresent(generator, INPUT, operation.input());
        JsonFieldWriting.writeTextIfPresent(generator, OUTPUT, operation.output());
        JsonFieldWriting.writeTextIfPresent(generator, NODE, operation.node());
        JsonFieldWriting.writeTime(generator, INVOKE_NANOS, INVOKE_MILLIS, operation.invokeNanos());
        JsonFieldWriting.writeTime(generator, COMPLETE_NANOS, COMPLETE_MILLIS, operation.completeNanos());
        generator.writeStringField(OUTCOME, outcomeWord(operation.outcome()));
        JsonFieldWriting.writeTextIfPresent(generator, ERROR, operation.error());
        generator.writeEndObject();
    }

    @Override
    public RecordedOperation read(ObjectNode line) {
        JsonObjectFields fields = new JsonObjectFields(line, FIELD_NAMES);
        return new RecordedOperation(fields.requiredLong(INDEX), fields.requiredInt(PROCESS),
                fields.optionalText(FUNCTION), fields.optionalText(KEY), fields.optionalText(INPUT),
                fields.optionalText(OUTPUT), fields.optionalText(NODE), fields.requiredLong(INVOKE_NANOS),
                fields.requiredLong(COMPLETE_NANOS), outcomeOf(fields.requiredText(OUTCOME)),
                fields.optionalText(ERROR));
    }

    static String outcomeWord(Outcome outcome) {
        return switch (outcome) {
            case OK -> "ok";
            case FAIL -> "fail";
            case UNKNOWN -> "unknown";
        };
    }

    private static Outcome outcomeOf(String word) {
        for (Outcome outcome : Outcome.values()) {
            if (outcomeWord(outcome).equals(word)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException(
                "field \"" + OUTCOME + "\" must be \"ok\", \"fail\" or \"unknown\", found \"" + word + "\"");
    }
}
