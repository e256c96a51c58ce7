package io.raftkv.http;

import java.util.Set;

/** Where a request path leads. Each route names the methods it takes, for 405 replies and their Allow header. */
sealed interface Route {
    String KEY_PATH_PREFIX = "/v1/kv/";
    String MEMBER_PATH_PREFIX = "/v1/cluster/members/";
    String PROMOTE_SUFFIX = "/promote";

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

    /** {@code GET /v1/cluster/members} lists the members, {@code POST} adds one. */
    record ClusterMembers() implements Route {
        public Set<HttpMethodName> methods() {
            return Set.of(HttpMethodName.GET, HttpMethodName.POST);
        }
    }

    /** {@code DELETE /v1/cluster/members/ID[?force=true]}: remove the member ID. */
    record ClusterMember(String rawId) implements Route {
        public Set<HttpMethodName> methods() {
            return Set.of(HttpMethodName.DELETE);
        }
    }

    /** {@code POST /v1/cluster/members/ID/promote}: make the learner ID a voter. */
    record ClusterMemberPromotion(String rawId) implements Route {
        public Set<HttpMethodName> methods() {
            return Set.of(HttpMethodName.POST);
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

    /** {@code ID} or {@code ID/promote}; any other shape is no route. */
    private static Route member(String rest) {
        if (rest.endsWith(PROMOTE_SUFFIX)) {
            String id = rest.substring(0, rest.length() - PROMOTE_SUFFIX.length());
            return id.isEmpty() || id.contains("/") ? new NoRoute() : new ClusterMemberPromotion(id);
        }
        return rest.isEmpty() || rest.contains("/") ? new NoRoute() : new ClusterMember(rest);
    }

    /** Matches the raw (still encoded) path: exact paths first, then the key prefix. */
    static Route match(String rawPath) {
        return switch (rawPath) {
            case "/health" -> new Health();
            case "/ready" -> new Ready();
            case "/v1/cluster" -> new Cluster();
            case "/v1/cluster/self" -> new ClusterSelf();
            case "/v1/cluster/leader" -> new ClusterLeader();
            case "/v1/cluster/members" -> new ClusterMembers();
            case "/v1/kv" -> new KeyList();
            case "/v1/snapshot" -> new Snapshot();
            default -> rawPath.startsWith(MEMBER_PATH_PREFIX) ? member(rawPath.substring(MEMBER_PATH_PREFIX.length()))
                    : rawPath.startsWith(KEY_PATH_PREFIX)
                    ? new Key(rawPath.substring(KEY_PATH_PREFIX.length()))
                    : new NoRoute();
        };
    }
}
