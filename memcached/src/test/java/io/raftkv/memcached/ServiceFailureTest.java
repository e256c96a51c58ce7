package io.raftkv.memcached;

import io.raftkv.api.KvService;
import io.raftkv.api.NodeStatus;
import io.raftkv.api.ServiceException;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.ClientCommand;
import io.raftkv.core.command.ClientSession;
import io.raftkv.core.command.Result;
import io.raftkv.core.query.Query;
import io.raftkv.core.query.QueryResult;
import java.io.OutputStream;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** A cluster that cannot answer gets SERVER_ERROR lines, never a stack trace, and the connection stays open. */
class ServiceFailureTest {
    private final TestClock clock = new TestClock();
    private final StateMachineKvService store = new StateMachineKvService(clock);
    private final ControlledService service = new ControlledService(store);
    private final TestConnection connection = new TestConnection(TestFrontEnd.setup(service, clock));

    @AfterEach
    void close() {
        connection.close();
    }

    private static ServiceException failure(ServiceException.Kind kind, String message) {
        return new ServiceException(kind, message);
    }

    @Test
    void anUnavailableClusterIsAServerErrorAndTheConnectionGoesOn() {
        connection.send("set k 0 0 1\r\nv\r\n");
        service.failWrite(0, failure(ServiceException.Kind.UNAVAILABLE, "no leader is ready"));

        assertThat(connection.replies()).isEqualTo("SERVER_ERROR unavailable: no leader is ready\r\n");
        assertThat(connection.isOpen()).isTrue();
        assertThat(connection.call("version\r\n")).startsWith("VERSION ");
    }

    @Test
    void anOverloadedNodeIsAServerError() {
        connection.send("get k\r\n");
        service.failRead(0, failure(ServiceException.Kind.OVERLOADED, "too many requests in flight"));
        assertThat(connection.replies()).isEqualTo("SERVER_ERROR overloaded: too many requests in flight\r\n");
    }

    @Test
    void aTimedOutWriteSaysItsOutcomeIsUnknown() {
        connection.send("incr k 1\r\nget k\r\n");
        service.failWrite(0, failure(ServiceException.Kind.TIMEOUT, "no answer in 5 s"));
        service.answerRead(0);
        assertThat(connection.replies()).isEqualTo("SERVER_ERROR outcome unknown: no answer in 5 s\r\nEND\r\n");
    }

    @Test
    void aTimedOutReadIsATimeout() {
        connection.send("get k\r\n");
        service.failRead(0, failure(ServiceException.Kind.TIMEOUT, "read index not reached"));
        assertThat(connection.replies()).isEqualTo("SERVER_ERROR timeout: read index not reached\r\n");
    }

    @Test
    void anInvalidRequestIsAClientError() {
        connection.send("delete k\r\n");
        service.failWrite(0, failure(ServiceException.Kind.INVALID, "key too long"));
        assertThat(connection.replies()).isEqualTo("CLIENT_ERROR key too long\r\n");
    }

    @Test
    void aFullDiskIsAServerErrorThatSaysSoWithTheReason() {
        connection.send("set k 0 0 1\r\nv\r\n");
        service.failWrite(0, failure(ServiceException.Kind.NO_SPACE,
                "writes refused: node n3 has 12 MiB free on /data/n3"));
        assertThat(connection.replies())
                .isEqualTo("SERVER_ERROR no space: writes refused: node n3 has 12 MiB free on /data/n3\r\n");
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void reasonsStayOneShortLine() {
        connection.send("get k\r\n");
        service.failRead(0, failure(ServiceException.Kind.UNAVAILABLE, "first\r\nsecond " + "x".repeat(500)));
        String reply = connection.replies();
        assertThat(reply).startsWith("SERVER_ERROR unavailable: first  second x").endsWith("x\r\n");
        assertThat(reply.lines()).hasSize(1);
        assertThat(reply.length()).isLessThanOrEqualTo(
                "SERVER_ERROR unavailable: ".length() + ServiceFailures.REASON_CHARACTERS_MAX + 2);
    }

    @Test
    void anUnexpectedFailureIsAGenericServerErrorWithoutItsDetails() {
        connection.send("get k\r\n");
        service.failRead(0, new IllegalStateException("secret internals"));
        assertThat(connection.replies()).isEqualTo(ServiceFailures.INTERNAL_ERROR + "\r\n");
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void aNoreplyRequestFailsSilentlyInItsTurn() {
        connection.send("set k 0 0 1 noreply\r\nv\r\nmn\r\n");
        service.failWrite(0, failure(ServiceException.Kind.UNAVAILABLE, "no quorum"));
        assertThat(connection.replies()).isEqualTo("MN\r\n");
    }

    @Test
    void aMetaCommandReportsTheFailureEvenWhenQuiet() {
        connection.send("ms k 1 q\r\nv\r\nmg k q\r\n");
        service.failWrite(0, failure(ServiceException.Kind.UNAVAILABLE, "no quorum"));
        service.failRead(0, failure(ServiceException.Kind.UNAVAILABLE, "no quorum"));
        assertThat(connection.replies()).isEqualTo("SERVER_ERROR unavailable: no quorum\r\n".repeat(2));
    }

    @Test
    void aServiceThatThrowsInsteadOfFailingItsFutureIsHandledTheSame() {
        KvService throwing = new KvService() {
            @Override
            public <R extends Result> CompletableFuture<R> write(ClientCommand<R> command,
                                                                 Optional<ClientSession> session) {
                throw failure(ServiceException.Kind.UNAVAILABLE, "closed");
            }

            @Override
            public <R extends QueryResult> CompletableFuture<R> read(Query<R> query, ReadConsistency consistency) {
                throw failure(ServiceException.Kind.UNAVAILABLE, "closed");
            }

            @Override
            public NodeStatus status() {
                return store.status();
            }

            @Override
            public CompletableFuture<String> transferLeadership(String targetNodeId) {
                throw failure(ServiceException.Kind.UNAVAILABLE, "closed");
            }

            @Override
            public void writeSnapshot(OutputStream out) {
                throw failure(ServiceException.Kind.UNAVAILABLE, "closed");
            }
        };
        try (TestConnection other = new TestConnection(TestFrontEnd.setup(throwing, clock))) {
            assertThat(other.call("delete k\r\nget k\r\nmn\r\n"))
                    .isEqualTo("SERVER_ERROR unavailable: closed\r\n".repeat(2) + "MN\r\n");
        }
    }
}
