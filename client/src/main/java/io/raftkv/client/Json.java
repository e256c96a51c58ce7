package io.raftkv.client;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The client's one Jackson mapper. It lives in a class of its own so that it is created on the first JSON answer, not
 * when the decoders load: building it takes 30-150 ms of a short process's start, and a raw get never needs it.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
