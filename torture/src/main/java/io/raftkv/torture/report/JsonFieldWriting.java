package io.raftkv.torture.report;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The field conventions shared by the JSON lines files: {@code null}s left out, times in two units. */
final class JsonFieldWriting {
    private static final int MILLIS_DECIMALS = 3;
    private static final int NANOS_PER_MILLI_DIGITS = 6;

    private JsonFieldWriting() {
    }

    static void writeTextIfPresent(JsonGenerator generator, String name, String text) throws IOException {
        if (text != null) {
            generator.writeStringField(name, text);
        }
    }

    /** Writes the exact nanoseconds, then the same time in milliseconds for a person; the readers ignore it. */
    static void writeTime(JsonGenerator generator, String nanosName, String millisName, long nanos)
            throws IOException {
        generator.writeNumberField(nanosName, nanos);
        generator.writeFieldName(millisName);
        generator.writeNumber(millisText(nanos));
    }

    /** Nanoseconds as decimal milliseconds with exactly three decimals: 1234567 becomes {@code 1.235}. */
    static String millisText(long nanos) {
        return BigDecimal.valueOf(nanos).movePointLeft(NANOS_PER_MILLI_DIGITS)
                .setScale(MILLIS_DECIMALS, RoundingMode.HALF_UP).toPlainString();
    }
}
