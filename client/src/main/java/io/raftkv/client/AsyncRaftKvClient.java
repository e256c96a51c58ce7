package io.raftkv.client;

import io.raftkv.core.Bytes;
import io.raftkv.core.Limits;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.AppendResult;
import io.raftkv.core.command.DeleteResult;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.PutResult;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.GetResult;
import io.raftkv.core.query.QueryResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The client's operations as futures. Futures complete with the operation's own result type ({@link PutResult},
 * {@link GetResult}, ...) for every expected outcome, and exceptionally with {@link RaftKvUnavailableException} or
 * {@link RaftKvRequestException}. Bad arguments throw {@link IllegalArgumentException} at once, before anything is
 * sent.
 */
public final class AsyncRaftKvClient {
    private static final String MEMBERS_PATH = "/v1/cluster/members";
    private static final String MEMBER_ID_PATTERN = "[A-Za-z0-9_-]{1,64}";
    private final FailoverTransport transport;
    private final WriteSequencer sequencer;

    AsyncRaftKvClient(FailoverTransport transport, WriteSequencer sequencer) {
        this.transport = transport;
        this.sequencer = sequencer;
    }

    public CompletableFuture<PutResult> put(Bytes key, Bytes value) {
        return put(key, value, PutOptions.NONE);
    }

    public CompletableFuture<PutResult> put(Bytes key, Bytes value, PutOptions options) {
        requireValidKey(key);
        List<String> parameters = new ArrayList<>();
        if (options.ttlSeconds() > 0) {
            parameters.add("ttl=" + options.ttlSeconds());
        }
        if (options.flags() != 0) {
            parameters.add("flags=" + Integer.toUnsignedString(options.flags()));
        }
        if (options.isConditional()) {
            parameters.add("ifModRevision=" + options.ifModRevision());
        }
        return write("PUT", keyPath(key) + query(parameters), value, ResponseDecoder::put);
    }

    /** Appends to an existing value; {@code ttlSeconds} 0 keeps the key's expiry. */
    public CompletableFuture<AppendResult> append(Bytes key, Bytes suffix, long ttlSeconds) {
        requireValidKey(key);
        requireValidTtl(ttlSeconds);
        List<String> parameters = new ArrayList<>(List.of("op=append"));
        if (ttlSeconds > 0) {
            parameters.add("ttl=" + ttlSeconds);
        }
        return write("POST", keyPath(key) + query(parameters), suffix, ResponseDecoder::appended);
    }

    /** Writes only if the key's modRevision is {@code expectedModRevision}; 0 means "only if absent". */
    public CompletableFuture<PutResult> compareAndSwap(Bytes key, long expectedModRevision, Bytes value) {
        if (expectedModRevision < Put.IF_ABSENT) {
            throw new IllegalArgumentException(
                    "expected modRevision must be 0 (absent) or more, was " + expectedModRevision);
        }
        return put(key, value, PutOptions.NONE.withIfModRevision(expectedModRevision));
    }

    public CompletableFuture<DeleteResult> delete(Bytes key) {
        requireValidKey(key);
        return write("DELETE", keyPath(key), Bytes.EMPTY, ResponseDecoder::deleted);
    }

    /** Completes with {@link QueryResult.Found} or {@link QueryResult.Missing}. */
    public CompletableFuture<GetResult> get(Bytes key, ReadConsistency consistency) {
        requireValidKey(key);
        String path = keyPath(key) + query(consistencyParameter(consistency));
        return transport.send(HttpCall.read(path)).thenApply(response -> ResponseDecoder.got(key, response));
    }

    public CompletableFuture<QueryResult.RangeResult> list(ListOptions options) {
        List<String> parameters = new ArrayList<>();
        options.prefix().ifPresent(prefix -> parameters.add("prefix=" + KeyEncoding.queryValue(prefix)));
        options.start().ifPresent(start -> parameters.add("start=" + KeyEncoding.queryValue(start)));
        options.end().ifPresent(end -> parameters.add("end=" + KeyEncoding.queryValue(end)));
        parameters.add("limit=" + options.limit());
        if (options.keysOnly()) {
            parameters.add("keysOnly=true");
        }
        if (options.countOnly()) {
            parameters.add("countOnly=true");
        }
        parameters.addAll(consistencyParameter(options.consistency()));
        return transport.send(HttpCall.read("/v1/kv" + query(parameters))).thenApply(ResponseDecoder::listed);
    }

    public CompletableFuture<ClusterView> cluster() {
        return transport.send(HttpCall.read("/v1/cluster")).thenApply(ResponseDecoder::cluster);
    }

    /**
     * Moves leadership to the member {@code targetNodeId}; completes with the new leader's id once it leads. An id
     * that is not a member fails with {@link RaftKvRequestException}. A failed transfer (503) is tried again, which is
     * safe because a transfer to the member that already leads succeeds at once; once the operation timeout has
     * passed it fails with {@link RaftKvUnavailableException}, whose message holds the last reason.
     */
    public CompletableFuture<String> transferLeadership(String targetNodeId) {
        if (targetNodeId.isBlank()) {
            throw new IllegalArgumentException("the node to move leadership to must be named");
        }
        String path = "/v1/cluster/leader?to=" + KeyEncoding.queryValue(Bytes.utf8(targetNodeId));
        return transport.send(HttpCall.command("POST", path)).thenApply(ResponseDecoder::leader);
    }

    /** The members as the leader sees them: role, leader flag, lag and last contact. */
    public CompletableFuture<List<MemberInfo>> members() {
        return transport.send(HttpCall.read(MEMBERS_PATH)).thenApply(MemberDecoder::members);
    }

    /**
     * Adds the member {@code id} whose Raft server listens on {@code raftAddress} (HOST:PORT), as a learner or a voter;
     * completes with the new membership once the leader has caught it up and the change is committed. An id or
     * address already in use fails with {@link RaftKvRequestException} (400), whose message names the member.
     */
    public CompletableFuture<List<MemberInfo>> addMember(String id, String raftAddress, boolean learner) {
        requireMemberId(id);
        return transport.send(HttpCall.membershipChange("POST", MEMBERS_PATH,
                        MemberDecoder.addBody(id, raftAddress, learner)))
                .thenApply(MemberDecoder::members);
    }

    /** Makes the learner {@code id} a voter; completes with the new membership. */
    public CompletableFuture<List<MemberInfo>> promoteMember(String id) {
        requireMemberId(id);
        return transport.send(HttpCall.membershipChange("POST", MEMBERS_PATH + "/" + id + "/promote",
                        new byte[0]))
                .thenApply(MemberDecoder::members);
    }

    /**
     * Removes the member {@code id}; completes with the new membership. Refused (400, with the reason) for the last
     * member, and for a voter whose removal would leave no reachable quorum unless {@code force}.
     */
    public CompletableFuture<List<MemberInfo>> removeMember(String id, boolean force) {
        requireMemberId(id);
        String path = MEMBERS_PATH + "/" + id + (force ? "?force=true" : "");
        return transport.send(HttpCall.membershipChange("DELETE", path, new byte[0]))
                .thenApply(MemberDecoder::members);
    }

    private static void requireMemberId(String id) {
        if (!id.matches(MEMBER_ID_PATTERN)) {
            throw new IllegalArgumentException("a member id is 1 to 64 of A-Z a-z 0-9 _ -, was '" + id + "'");
        }
    }

    /**
     * Every attempt of this write carries the same sequence; the sequence counts as answered once the future is done,
     * whatever the outcome, because it will never be sent again.
     */
    private <R extends Result> CompletableFuture<R> write(String method, String pathAndQuery, Bytes body,
                                                          Function<HttpAnswer, R> decoder) {
        long sequence = sequencer.begin();
        CompletableFuture<HttpAnswer> sent;
        try {
            sent = transport.send(HttpCall.write(method, pathAndQuery, body.unsafeArray(), sequence));
        } catch (RuntimeException notSent) {
            sequencer.complete(sequence);
            throw notSent;
        }
        return sent.whenComplete((response, error) -> sequencer.complete(sequence)).thenApply(decoder);
    }

    private static List<String> consistencyParameter(ReadConsistency consistency) {
        return switch (consistency) {
            case LINEARIZABLE -> List.of();
            case SERIALIZABLE -> List.of("consistency=serializable");
        };
    }

    private static String keyPath(Bytes key) {
        return "/v1/kv/" + KeyEncoding.pathSegment(key);
    }

    private static String query(List<String> parameters) {
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }

    static void requireValidKey(Bytes key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a key must not be empty");
        }
        if (key.length() > Limits.KEY_BYTES_MAX) {
            throw new IllegalArgumentException(
                    "a key is at most " + Limits.KEY_BYTES_MAX + " bytes, this one has " + key.length());
        }
    }

    private static void requireValidTtl(long ttlSeconds) {
        if (ttlSeconds < 0 || ttlSeconds > Limits.TTL_SECONDS_MAX) {
            throw new IllegalArgumentException(
                    "ttlSeconds must be 0 (keep) to " + Limits.TTL_SECONDS_MAX + ", was " + ttlSeconds);
        }
    }
}
