package io.raftkv.http;

import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The query string of one request, decoded to bytes (prefixes and range bounds may be binary). Each typed getter
 * validates its parameter and throws {@link InvalidInputException} with the API's error code when it is bad.
 */
final class QueryParameters {
    private final Map<String, byte[]> valuesByName;

    private QueryParameters(Map<String, byte[]> valuesByName) {
        this.valuesByName = valuesByName;
    }

    static QueryParameters none() {
        return new QueryParameters(Map.of());
    }

    /**
     * Parses {@code name=value&...}. A repeated name is refused rather than resolved, because "which one wins" is a
     * silent ambiguity a client should hear about. Empty segments ({@code a=1&&b=2}) are skipped.
     */
    static QueryParameters parse(String rawQuery) {
        var valuesByName = new LinkedHashMap<String, byte[]>();
        for (String segment : rawQuery.split("&", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            int equals = segment.indexOf('=');
            String encodedName = equals < 0 ? segment : segment.substring(0, equals);
            String encodedValue = equals < 0 ? "" : segment.substring(equals + 1);
            String name = PercentDecoder.decode(encodedName)
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                    .orElseThrow(() -> new InvalidInputException(
                            ApiError.badRequest("bad percent-encoding in a query parameter name")));
            byte[] value = PercentDecoder.decode(encodedValue).orElseThrow(() -> new InvalidInputException(
                    ApiError.invalidParameter("bad percent-encoding in the value of '" + name + "'")));
            if (valuesByName.put(name, value) != null) {
                throw new InvalidInputException(ApiError.invalidParameter("'" + name + "' is given more than once"));
            }
        }
        return new QueryParameters(valuesByName);
    }

    /** Refuses any parameter the route does not take. */
    void requireOnly(Set<String> allowedNames) {
        for (String name : valuesByName.keySet()) {
            if (!allowedNames.contains(name)) {
                throw new InvalidInputException(ApiError.unknownParameter(name));
            }
        }
    }

    boolean has(String name) {
        return valuesByName.containsKey(name);
    }

    Optional<Bytes> bytes(String name) {
        return Optional.ofNullable(valuesByName.get(name)).map(Bytes::wrap);
    }

    Optional<String> text(String name) {
        return Optional.ofNullable(valuesByName.get(name)).map(value -> new String(value, StandardCharsets.UTF_8));
    }

    /** A decimal integer within [minimum, maximum]; signs, spaces and fractions are refused. */
    Optional<Long> integer(String name, long minimum, long maximum) {
        return text(name).map(text -> parseInteger(name, text, minimum, maximum));
    }

    /** Exactly {@code true} or {@code false}. */
    boolean bool(String name) {
        return text(name).map(text -> switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInputException(
                    ApiError.invalidParameter("'" + name + "' must be true or false, was '" + text + "'"));
        }).orElse(false);
    }

    ReadConsistency consistency() {
        return text("consistency").map(text -> switch (text) {
            case "linearizable" -> ReadConsistency.LINEARIZABLE;
            case "serializable" -> ReadConsistency.SERIALIZABLE;
            default -> throw new InvalidInputException(ApiError.invalidParameter(
                    "'consistency' must be linearizable or serializable, was '" + text + "'"));
        }).orElse(ReadConsistency.LINEARIZABLE);
    }

    private static long parseInteger(String name, String text, long minimum, long maximum) {
        String range = minimum + " to " + maximum;
        if (text.isEmpty() || !text.chars().allMatch(character -> character >= '0' && character <= '9')) {
            throw new InvalidInputException(
                    ApiError.invalidParameter("'" + name + "' must be a whole number from " + range));
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException tooLong) {
            throw new InvalidInputException(ApiError.invalidParameter("'" + name + "' must be from " + range));
        }
        if (value < minimum || value > maximum) {
            throw new InvalidInputException(ApiError.invalidParameter("'" + name + "' must be from " + range));
        }
        return value;
    }
}
