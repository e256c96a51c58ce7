package io.raftkv.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The exchange of a one-shot client ({@link RaftKvClient.Builder#oneShot()}): {@link HttpURLConnection}, blocking, on
 * the calling thread. In a JVM that sends a handful of requests and exits, its first request took 46-54 ms where
 * {@code java.net.http}'s took 135-157 ms, most of the difference spent setting up TLS even for http:// endpoints; here
 * TLS is set up only when an endpoint is https://. The timeout bounds the connect and each read, not the whole
 * exchange.
 */
final class UrlConnectionExchange implements HttpExchange {

    @Override
    public CompletableFuture<HttpAnswer> send(URI uri, String method, byte[] body, Map<String, String> headers,
                                              Duration timeout) {
        try {
            return CompletableFuture.completedFuture(exchange(uri, method, body, headers, timeout));
        } catch (IOException failed) {
            return CompletableFuture.failedFuture(failed);
        }
    }

    private static HttpAnswer exchange(URI uri, String method, byte[] body, Map<String, String> headers,
                                       Duration timeout) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        int timeoutMillis = (int) Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE);
        connection.setConnectTimeout(timeoutMillis);
        connection.setReadTimeout(timeoutMillis);
        // As java.net.http does by default: an answer is the node's own, never a page it redirects to.
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestMethod(method);
        headers.forEach(connection::setRequestProperty);
        // PUT and POST always carry a body, if only "Content-Length: 0"; a GET or DELETE of ours carries none.
        boolean sendsBody = body.length > 0 || method.equals("PUT") || method.equals("POST");
        if (sendsBody) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        byte[] answerBody;
        try (InputStream in = status >= HttpURLConnection.HTTP_BAD_REQUEST
                ? connection.getErrorStream() : connection.getInputStream()) {
            answerBody = in == null ? new byte[0] : in.readAllBytes();
        }
        return new HttpAnswer(uri, status, HttpAnswer.firstValues(connection.getHeaderFields()), answerBody,
                HttpAnswer.lowerCaseNames(headers));
    }

    @Override
    public void close() {
        // Idle connections belong to the JDK's keep-alive cache, whose daemon thread closes them.
    }
}
