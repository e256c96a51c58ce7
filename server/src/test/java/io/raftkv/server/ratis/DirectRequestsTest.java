package io.raftkv.server.ratis;

import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class DirectRequestsTest {
    private static final RaftPeerId LEADER = RaftPeerId.valueOf("n1");

    @Test
    void aFailedRequestResetsTheConnectionToItsServer() {
        RecordingRpc rpc = new RecordingRpc(CompletableFuture.failedFuture(
                new AlreadyClosedException("client->n1 is closed")));

        CompletableFuture<RaftClientReply> reply = DirectRequests.send(rpc, request());

        assertThat(reply).isCompletedExceptionally();
        assertThat(rpc.resets).containsExactly(LEADER);
    }

    @Test
    void aRequestRefusedBeforeSendingResetsTheConnectionToo() {
        RecordingRpc rpc = new RecordingRpc(null);

        CompletableFuture<RaftClientReply> reply = DirectRequests.send(rpc, request());

        assertThat(reply).isCompletedExceptionally();
        assertThat(rpc.resets).containsExactly(LEADER);
    }

    @Test
    void anAnsweredRequestKeepsTheConnection() {
        RaftClientReply answer = RaftClientReply.newBuilder().setRequest(request()).setSuccess().build();
        RecordingRpc rpc = new RecordingRpc(CompletableFuture.completedFuture(answer));

        assertThat(DirectRequests.send(rpc, request())).isCompletedWithValue(answer);
        assertThat(rpc.resets).isEmpty();
    }

    private static RaftClientRequest request() {
        return RaftClientRequest.newBuilder()
                .setClientId(ClientId.randomId())
                .setServerId(LEADER)
                .setGroupId(RaftGroupId.randomId())
                .setCallId(7)
                .setMessage(Message.EMPTY)
                .setType(RaftClientRequest.writeRequestType())
                .build();
    }

    /** Answers every unordered request with one prepared reply (null: throws), and records connection resets. */
    private static final class RecordingRpc implements RaftClientRpc {
        private final CompletableFuture<RaftClientReply> reply;
        final List<RaftPeerId> resets = new ArrayList<>();

        RecordingRpc(CompletableFuture<RaftClientReply> reply) {
            this.reply = reply;
        }

        @Override
        public CompletableFuture<RaftClientReply> sendRequestAsyncUnordered(RaftClientRequest request) {
            if (reply == null) {
                throw new IllegalStateException("refused before sending");
            }
            return reply;
        }

        @Override
        public RaftClientReply sendRequest(RaftClientRequest request) {
            throw new UnsupportedOperationException("only unordered requests are sent directly");
        }

        @Override
        public boolean handleException(RaftPeerId serverId, Throwable failure, boolean reconnect) {
            if (reconnect) {
                resets.add(serverId);
            }
            return reconnect;
        }

        @Override
        public void addRaftPeers(java.util.Collection<RaftPeer> peers) {
        }

        @Override
        public void close() {
        }
    }
}
