package io.raftkv.torture.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftkv.core.Invariants;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes and reads files of one JSON object per line, naming the file and line of anything malformed. */
final class JsonLines {
    /*
     * Strict parsing: a duplicated field or text after the object means the line was corrupted or hand-edited wrongly,
     * and silently taking one of the readings would hide that.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonLines() {
    }

    static <T> void write(Path file, List<T> items, JsonLineFormat<T> format) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator generator = MAPPER.getFactory().createGenerator(writer)) {
            // Line breaks are the only separator between objects, so the default root separator (a space) must go.
            generator.setRootValueSeparator(null);
            for (T item : items) {
                format.write(item, generator);
                generator.writeRaw('\n');
            }
        }
    }

    static <T> List<T> read(Path file, JsonLineFormat<T> format) throws IOException {
        List<T> items = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    items.add(readLine(file, lineNumber, line, format));
                }
            }
        }
        return items;
    }

    private static <T> T readLine(Path file, long lineNumber, String line, JsonLineFormat<T> format)
            throws ReportFileFormatException {
        try {
            JsonNode node = MAPPER.readTree(line);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("expected one JSON object, found " + node.getNodeType());
            }
            return format.read(object);
        } catch (JsonProcessingException malformedJson) {
            throw new ReportFileFormatException(file, lineNumber, "not valid JSON: " + malformedJson.getOriginalMessage(),
                    malformedJson);
        } catch (IllegalArgumentException | Invariants.InvariantViolation badContent) {
            throw new ReportFileFormatException(file, lineNumber, badContent.getMessage(), badContent);
        }
    }
}
