package io.raftkv.client;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A node's answer to one attempt, whichever HTTP implementation carried it, so the decoders depend on neither.
 *
 * @param uri            the URL the attempt went to, for error messages
 * @param headers        the response headers, names in lower case, the first value of each
 * @param requestHeaders the headers the attempt sent, names in lower case: a 409 answer refers to the sequence sent
 */
record HttpAnswer(URI uri, int statusCode, Map<String, String> headers, byte[] body,
                  Map<String, String> requestHeaders) {

    /** Keeps the first value of each header, under its lower-case name; a null name (a status line) is dropped. */
    static Map<String, String> firstValues(Map<String, List<String>> headerLists) {
        Map<String, String> firstValues = new TreeMap<>();
        headerLists.forEach((name, values) -> {
            if (name != null && !values.isEmpty()) {
                firstValues.putIfAbsent(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return Map.copyOf(firstValues);
    }

    /** The headers an attempt sent, under lower-case names. */
    static Map<String, String> lowerCaseNames(Map<String, String> headers) {
        Map<String, String> lowerCase = new TreeMap<>();
        headers.forEach((name, value) -> lowerCase.put(name.toLowerCase(Locale.ROOT), value));
        return Map.copyOf(lowerCase);
    }

    OptionalLong headerLong(String name) {
        return parseLong(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    OptionalLong requestHeaderLong(String name) {
        return parseLong(requestHeaders.get(name.toLowerCase(Locale.ROOT)));
    }

    private static OptionalLong parseLong(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException notANumber) {
            return OptionalLong.empty();
        }
    }
}
