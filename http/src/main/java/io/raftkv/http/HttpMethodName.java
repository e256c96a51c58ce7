package io.raftkv.http;

import java.util.Optional;

/** The methods the API knows. Anything else is answered 405 before routing goes further. */
enum HttpMethodName {
    GET,
    PUT,
    POST,
    DELETE;

    static Optional<HttpMethodName> of(String name) {
        for (HttpMethodName method : values()) {
            if (method.name().equals(name)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
