package io.raftkv.http;

import io.raftkv.core.Bytes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the route handlers see it: no Netty types, so it outlives the pooled buffer it was read from.
 *
 * @param method          the HTTP method, upper case
 * @param uri             the request target as sent (origin form, {@code /path?query})
 * @param headersByName   header values by lower-case name
 * @param body            the body bytes
 */
record InboundRequest(String method, String uri, Map<String, List<String>> headersByName, Bytes body) {
    InboundRequest {
        headersByName = Map.copyOf(headersByName);
    }

    /** The value of a header sent once; a header sent twice is ambiguous and refused. */
    Optional<String> header(String lowerCaseName) {
        List<String> values = headersByName.getOrDefault(lowerCaseName, List.of());
        if (values.size() > 1) {
            throw new InvalidInputException(ApiError.badRequest("header " + lowerCaseName + " is given more than once"));
        }
        return values.stream().findFirst();
    }
}
