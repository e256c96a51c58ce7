package io.raftkv.http;

/**
 * Thrown by the request parsers at the first bad input and caught in exactly one place, {@link RequestDispatcher},
 * which turns it into its error reply. Validation stops deep inside small parsing functions; one exception caught at
 * one boundary keeps each of those a plain function instead of threading a result type through every step. It never
 * escapes the dispatcher, so to every other class a bad request is a value (a {@link Reply}).
 */
final class InvalidInputException extends RuntimeException {
    private final ApiError error;

    InvalidInputException(ApiError error) {
        // No stack trace: this is an expected outcome of bad input, not a fault, and it is never logged.
        super(error.message(), null, false, false);
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
