package io.raftkv.server;

import io.raftkv.api.ServiceException;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.protocol.exceptions.ReadException;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.protocol.exceptions.ResourceUnavailableException;
import org.apache.ratis.protocol.exceptions.ServerNotReadyException;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns what Ratis throws into the two answers a client can act on: retry safely, or outcome unknown. */
final class ServiceErrors {
    private ServiceErrors() {
    }

    /** A write failed: when in doubt, the outcome is unknown (a timeout), never "certainly not applied". */
    static ServiceException forWrite(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ServiceException service) {
            return service;
        }
        if (isCertainlyNotApplied(cause)) {
            return new ServiceException(ServiceException.Kind.UNAVAILABLE, describe(cause), cause);
        }
        return new ServiceException(ServiceException.Kind.TIMEOUT,
                "the write may or may not have been applied: " + describe(cause), cause);
    }

    /** A read changes nothing, so any failure is simply "unavailable, try again". */
    static ServiceException forRead(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ServiceException service) {
            return service;
        }
        if (cause instanceof TimeoutException || cause instanceof TimeoutIOException) {
            return new ServiceException(ServiceException.Kind.TIMEOUT, describe(cause), cause);
        }
        return new ServiceException(ServiceException.Kind.UNAVAILABLE, describe(cause), cause);
    }

    private static boolean isCertainlyNotApplied(Throwable cause) {
        return cause instanceof NotLeaderException
                || cause instanceof LeaderNotReadyException
                || cause instanceof LeaderSteppingDownException
                || cause instanceof ServerNotReadyException
                || cause instanceof AlreadyClosedException
                || cause instanceof ResourceUnavailableException;
    }

    private static String describe(Throwable cause) {
        if (cause instanceof RaftRetryFailureException) {
            return "no leader answered in time";
        }
        if (cause instanceof ReadIndexException || cause instanceof ReadException) {
            return "the leader could not confirm the read: " + cause.getMessage();
        }
        if (cause instanceof NotLeaderException || cause instanceof LeaderNotReadyException) {
            return "no leader is ready";
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
