package io.raftkv.http;

import io.raftkv.core.Bytes;
import io.raftkv.core.command.ClientSession;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the retried-write headers. They are all-or-nothing: a sequence without a client id (or the reverse) is
 * refused, because silently dropping half a session would turn an at-most-once retry into a duplicate write.
 */
final class SessionHeaders {
    static final String CLIENT_ID = "x-raftkv-client-id";
    static final String SEQUENCE = "x-raftkv-sequence";
    static final String COMPLETED_BELOW = "x-raftkv-completed-below";

    private static final Pattern CLIENT_ID_PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private SessionHeaders() {
    }

    static Optional<ClientSession> parse(InboundRequest request) {
        Optional<String> clientId = request.header(CLIENT_ID);
        Optional<String> sequence = request.header(SEQUENCE);
        Optional<String> completedBelow = request.header(COMPLETED_BELOW);
        if (clientId.isEmpty() && sequence.isEmpty() && completedBelow.isEmpty()) {
            return Optional.empty();
        }
        if (clientId.isEmpty() || sequence.isEmpty()) {
            throw bad("X-Raftkv-Client-Id and X-Raftkv-Sequence must be sent together");
        }
        if (!CLIENT_ID_PATTERN.matcher(clientId.get()).matches()) {
            throw bad("X-Raftkv-Client-Id must be 1 to 64 of [A-Za-z0-9_-]");
        }
        long sequenceNumber = number(sequence.get(), "X-Raftkv-Sequence");
        if (sequenceNumber < 1) {
            throw bad("X-Raftkv-Sequence must be 1 or more");
        }
        long completedBelowNumber = completedBelow.map(text -> number(text, "X-Raftkv-Completed-Below")).orElse(0L);
        if (completedBelowNumber > sequenceNumber) {
            throw bad("X-Raftkv-Completed-Below must be from 0 to X-Raftkv-Sequence");
        }
        return Optional.of(new ClientSession(Bytes.utf8(clientId.get()), sequenceNumber, completedBelowNumber));
    }

    private static long number(String text, String headerName) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || !trimmed.chars().allMatch(character -> character >= '0' && character <= '9')) {
            throw bad(headerName + " must be a whole number");
        }
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException tooLong) {
            throw bad(headerName + " is out of range");
        }
    }

    private static InvalidInputException bad(String message) {
        return new InvalidInputException(ApiError.badRequest(message));
    }
}
