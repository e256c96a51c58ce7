package io.raftkv.http;

import java.util.Set;

/** Where a request path leads. Each route names the methods it takes, for 405 replies and their Allow header. */
sealed interface Route {
    String KEY_PATH_PREFIX = "/v1/kv/";

    Set<HttpMethodName> methods();

    record Health() implements Route {
        public Set<HttpMethodName> methods() {
            return Set.of(HttpMethodName.GET);
        }
    }

    record Ready() implements Route {
        public Set<HttpMethodName> methods() {
            return Set.of(HttpMethodName.GET);
        }
    }

    record Cluster() implements Route {
        public Set<HttpMethodName> methods() {
            return Set.of(HttpMethodName.GET);
        }
    }

    record ClusterSelf() implements Route {
        public Set<HttpMethodName> methods() {
            return Set.of(HttpMethodName.GET);
        }
    }

    /** {@code POST /v1/cluster/leader?to=ID}: move leadership to the member ID. */
    record ClusterLeader() implements Route {
        public Set<HttpMethodName> methods() {
            return Set.of(HttpMethodName.POST);
        }
    }

    /** {@code GET /v1/snapshot}: a consistent snapshot of the whole store, streamed. */
    record Snapshot() implements Route {
        public Set<HttpMethodName> methods() {
            return Set.of(HttpMethodName.GET);
        }
    }

    record KeyList() implements Route {
        public Set<HttpMethodName> methods() {
            return Set.of(HttpMethodName.GET);
        }
    }

    /** @param encodedKey the path after {@code /v1/kv/}, still percent-encoded */
    record Key(String encodedKey) implements Route {
        public Set<HttpMethodName> methods() {
            return Set.of(HttpMethodName.GET, HttpMethodName.PUT, HttpMethodName.POST, HttpMethodName.DELETE);
        }
    }

    record NoRoute() implements Route {
        public Set<HttpMethodName> methods() {
            return Set.of();
        }
    }

    /** Matches the raw (still encoded) path: exact paths first, then the key prefix. */
    static Route match(String rawPath) {
        return switch (rawPath) {
            case "/health" -> new Health();
            case "/ready" -> new Ready();
            case "/v1/cluster" -> new Cluster();
            case "/v1/cluster/self" -> new ClusterSelf();
            case "/v1/cluster/leader" -> new ClusterLeader();
            case "/v1/kv" -> new KeyList();
            case "/v1/snapshot" -> new Snapshot();
            default -> rawPath.startsWith(KEY_PATH_PREFIX)
                    ? new Key(rawPath.substring(KEY_PATH_PREFIX.length()))
                    : new NoRoute();
        };
    }
}
