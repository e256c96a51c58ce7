package io.raftkv.cli;

import io.raftkv.client.RaftKvUnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Fetches {@code GET /v1/snapshot} into a file, trying each endpoint in turn until one starts sending. Once bytes
 * flow there is no retry: a stream cut short leaves a truncated file, and the caller's check refuses it.
 */
final class SnapshotDownload {
    static final String SNAPSHOT_PATH = "/v1/snapshot";
    static final long PROGRESS_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();
    static final int COPY_BUFFER_BYTES = 64 * 1024;
    /** How much of an error reply's body goes into the message. */
    static final int ERROR_BODY_CHARACTERS_MAX = 300;
    private static final double BYTES_PER_MEBIBYTE = 1024.0 * 1024.0;
    private static final double NANOS_PER_SECOND = 1e9;

    /**
     * @param endpoint   the node that sent the snapshot
     * @param bytes      how many bytes arrived
     * @param cutShort   why the stream ended early, if it did
     */
    record Outcome(String endpoint, long bytes, Optional<String> cutShort) {
    }

    private final List<String> endpoints;
    private final Duration timeout;
    private final PrintStream progress;

    SnapshotDownload(List<String> endpoints, Duration timeout, PrintStream progress) {
        this.endpoints = List.copyOf(endpoints);
        this.timeout = timeout;
        this.progress = progress;
    }

    /**
     * Writes the snapshot into {@code target}, replacing what it held.
     *
     * @throws RaftKvUnavailableException when no endpoint started sending a snapshot
     * @throws IOException                when writing {@code target} failed
     */
    Outcome into(Path target) throws IOException {
        List<String> tried = new ArrayList<>();
        String lastError = "none";
        Throwable lastCause = null;
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).build()) {
            for (String endpoint : endpoints) {
                tried.add(endpoint);
                HttpResponse<InputStream> response;
                try {
                    response = client.send(request(endpoint), HttpResponse.BodyHandlers.ofInputStream());
                } catch (IOException failure) {
                    lastError = endpoint + ": " + failure;
                    lastCause = failure;
                    continue;
                }
                if (response.statusCode() != 200) {
                    lastError = endpoint + ": HTTP " + response.statusCode() + " " + errorBody(response);
                    continue;
                }
                try (InputStream body = response.body()) {
                    return copy(endpoint, body, target);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading the snapshot", interrupted);
        }
        throw new RaftKvUnavailableException("no node sent a snapshot", tried, lastError, lastCause);
    }

    private HttpRequest request(String endpoint) {
        return HttpRequest.newBuilder(URI.create(endpoint + SNAPSHOT_PATH)).timeout(timeout).GET().build();
    }

    private static String errorBody(HttpResponse<InputStream> response) throws IOException {
        try (InputStream body = response.body()) {
            String text = new String(body.readAllBytes(), StandardCharsets.UTF_8).strip();
            return text.length() > ERROR_BODY_CHARACTERS_MAX ? text.substring(0, ERROR_BODY_CHARACTERS_MAX) : text;
        }
    }

    /** Reading failures end the copy (the file is then short); writing failures propagate. */
    private Outcome copy(String endpoint, InputStream body, Path target) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        long startNanos = System.nanoTime();
        long nextProgressNanos = startNanos + PROGRESS_INTERVAL_NANOS;
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            while (true) {
                int count;
                try {
                    count = body.read(buffer);
                } catch (IOException cut) {
                    return new Outcome(endpoint, total, Optional.of(String.valueOf(cut.getMessage())));
                }
                if (count < 0) {
                    return new Outcome(endpoint, total, Optional.empty());
                }
                out.write(buffer, 0, count);
                total += count;
                long nowNanos = System.nanoTime();
                if (nowNanos >= nextProgressNanos) {
                    printProgress(total, nowNanos - startNanos);
                    nextProgressNanos = nowNanos + PROGRESS_INTERVAL_NANOS;
                }
            }
        }
    }

    private void printProgress(long bytes, long elapsedNanos) {
        double mebibytes = bytes / BYTES_PER_MEBIBYTE;
        double rate = mebibytes * NANOS_PER_SECOND / Math.max(1, elapsedNanos);
        progress.printf(Locale.ROOT, "downloaded %.1f MiB (%.1f MiB/s)%n", mebibytes, rate);
    }
}
