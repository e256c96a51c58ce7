package io.raftkv.server;

import io.raftkv.api.ServiceException;
import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.codec.CommandCodec;
import io.raftkv.core.command.ClientSession;
import io.raftkv.core.command.Put;
import io.raftkv.core.command.PutResult;
import io.raftkv.core.command.Request;
import io.raftkv.core.command.Result;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProposalBatcherTest {

    /** A leader stand-in: it holds each proposal until the test answers it. */
    private static final class HeldSender {
        final List<List<Request>> proposals = new ArrayList<>();
        final List<CompletableFuture<List<Result>>> replies = new ArrayList<>();

        CompletableFuture<List<Result>> send(byte[] proposal) {
            proposals.add(CommandCodec.decodeProposal(proposal));
            CompletableFuture<List<Result>> reply = new CompletableFuture<>();
            replies.add(reply);
            return reply;
        }

        /** Answers proposal {@code index} with one Written result per request, its modRevision naming the request. */
        void answer(int index) {
            List<Result> results = new ArrayList<>();
            for (Request request : proposals.get(index)) {
                long tag = Long.parseLong(((Put) request.command()).value().asUtf8().orElseThrow());
                results.add(new Result.Written(new KeyMetadata(0, 1, tag, tag, 0)));
            }
            answer(index, results);
        }

        void answer(int index, List<Result> results) {
            replies.get(index).complete(results);
        }
    }

    private static Put put(long tag) {
        return Put.of(Bytes.utf8("k"), Bytes.utf8(Long.toString(tag)));
    }

    @Test
    void requestsArrivingWhileBatchesAreInFlightLeaveTogether() throws Exception {
        HeldSender sender = new HeldSender();
        ProposalBatcher batcher = new ProposalBatcher(sender::send, ServiceErrors::forWrite);
        List<CompletableFuture<PutResult>> futures = new ArrayList<>();
        for (long tag = 1; tag <= 100; tag++) {
            futures.add(batcher.submit(put(tag), Optional.empty()));
        }
        // The first requests leave alone, one batch each, until the in-flight limit is reached; the rest wait.
        assertThat(sender.proposals).hasSize(ProposalBatcher.BATCHES_IN_FLIGHT_MAX);
        sender.answer(0);
        assertThat(sender.proposals).hasSize(ProposalBatcher.BATCHES_IN_FLIGHT_MAX + 1);
        assertThat(sender.proposals.getLast()).hasSize(100 - ProposalBatcher.BATCHES_IN_FLIGHT_MAX);
        for (int index = 1; index < sender.proposals.size(); index++) {
            sender.answer(index);
        }
        for (int index = 0; index < futures.size(); index++) {
            Result.Written written = (Result.Written) futures.get(index).get();
            assertThat(written.metadata().modRevision()).isEqualTo(index + 1);
        }
    }

    @Test
    void aForgottenSequenceFailsItsRequestAsSequenceForgotten() {
        HeldSender sender = new HeldSender();
        ProposalBatcher batcher = new ProposalBatcher(sender::send, ServiceErrors::forWrite);
        CompletableFuture<PutResult> retried = batcher.submit(put(1),
                Optional.of(new ClientSession(Bytes.utf8("client"), 2, 1)));
        sender.answer(0, List.of(new Result.SequenceForgotten(2, 3)));
        assertThatThrownBy(retried::get).cause().isInstanceOf(ServiceException.class)
                .hasMessage("sequence 2 is below the client's completed mark 3; its outcome was forgotten")
                .extracting(cause -> ((ServiceException) cause).kind())
                .isEqualTo(ServiceException.Kind.SEQUENCE_FORGOTTEN);
    }

    @Test
    void aResultTheCommandCannotProduceFailsItsRequestAsAnInvariantViolationAndNoOther() throws Exception {
        HeldSender sender = new HeldSender();
        ProposalBatcher batcher = new ProposalBatcher(sender::send, ServiceErrors::forWrite);
        for (int count = 0; count < ProposalBatcher.BATCHES_IN_FLIGHT_MAX; count++) {
            batcher.submit(put(count + 1), Optional.empty());
        }
        CompletableFuture<PutResult> wronglyAnswered = batcher.submit(put(98), Optional.empty());
        CompletableFuture<PutResult> rightlyAnswered = batcher.submit(put(99), Optional.empty());
        sender.answer(0);
        KeyMetadata metadata = new KeyMetadata(0, 1, 99, 99, 0);
        sender.answer(ProposalBatcher.BATCHES_IN_FLIGHT_MAX,
                List.of(new Result.Deleted(98, metadata), new Result.Written(metadata)));
        assertThatThrownBy(wronglyAnswered::get).cause().isInstanceOf(Invariants.InvariantViolation.class)
                .hasMessageContaining("Put").hasMessageContaining("Deleted");
        assertThat(rightlyAnswered.get()).isEqualTo(new Result.Written(metadata));
    }

    @Test
    void aFailedBatchFailsEveryRequestInIt() {
        HeldSender sender = new HeldSender();
        ProposalBatcher batcher = new ProposalBatcher(sender::send, ServiceErrors::forWrite);
        CompletableFuture<PutResult> first = batcher.submit(put(1), Optional.empty());
        sender.replies.getFirst().completeExceptionally(new java.util.concurrent.TimeoutException("slow"));
        assertThatThrownBy(first::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ServiceException.class)
                .extracting(cause -> ((ServiceException) cause).kind()).isEqualTo(ServiceException.Kind.TIMEOUT);
    }

    @Test
    void aFullQueueRefusesNewWritesAsOverloaded() {
        HeldSender sender = new HeldSender();
        ProposalBatcher batcher = new ProposalBatcher(sender::send, ServiceErrors::forWrite);
        int accepted = ProposalBatcher.BATCHES_IN_FLIGHT_MAX + ProposalBatcher.PENDING_REQUESTS_MAX;
        for (int count = 0; count < accepted; count++) {
            assertThat(batcher.submit(put(count + 1), Optional.empty())).isNotCompletedExceptionally();
        }
        CompletableFuture<PutResult> refused = batcher.submit(put(accepted + 1), Optional.empty());
        assertThatThrownBy(refused::get).cause().isInstanceOf(ServiceException.class)
                .extracting(cause -> ((ServiceException) cause).kind()).isEqualTo(ServiceException.Kind.OVERLOADED);
    }

    @Test
    void closingFailsWaitingRequestsAsUnavailable() {
        HeldSender sender = new HeldSender();
        ProposalBatcher batcher = new ProposalBatcher(sender::send, ServiceErrors::forWrite);
        for (int count = 0; count < ProposalBatcher.BATCHES_IN_FLIGHT_MAX; count++) {
            batcher.submit(put(count + 1), Optional.empty());
        }
        CompletableFuture<PutResult> waiting = batcher.submit(put(99), Optional.empty());
        batcher.close();
        assertThatThrownBy(waiting::get).cause().isInstanceOf(ServiceException.class)
                .extracting(cause -> ((ServiceException) cause).kind()).isEqualTo(ServiceException.Kind.UNAVAILABLE);
    }
}
