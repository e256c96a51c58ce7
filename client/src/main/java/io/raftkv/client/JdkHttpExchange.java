package io.raftkv.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The default exchange: {@code java.net.http}, asynchronous, its connections pooled across operations. */
final class JdkHttpExchange implements HttpExchange {
    private final HttpClient httpClient;

    JdkHttpExchange(Duration connectTimeout) {
        this.httpClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
    }

    @Override
    public CompletableFuture<HttpAnswer> send(URI uri, String method, byte[] body, Map<String, String> headers,
                                              Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .method(method, body.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return httpClient.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> new HttpAnswer(response.uri(), response.statusCode(),
                        HttpAnswer.firstValues(response.headers().map()), response.body(),
                        HttpAnswer.lowerCaseNames(headers)));
    }

    @Override
    public void close() {
        httpClient.close();
    }
}
