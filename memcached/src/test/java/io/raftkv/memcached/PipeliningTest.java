package io.raftkv.memcached;

import io.raftkv.core.ReadConsistency;
import io.raftkv.core.command.Fetch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Order on one connection when the service answers out of order: replies in request order, reads after earlier
 * writes, writes after earlier reads, consecutive reads or writes together.
 */
class PipeliningTest {
    private final TestClock clock = new TestClock();
    private final StateMachineKvService store = new StateMachineKvService(clock);
    private final ControlledService service = new ControlledService(store);
    private final TestConnection connection = new TestConnection(TestFrontEnd.setup(service, clock));

    @AfterEach
    void close() {
        connection.close();
    }

    private void storeDirectly(String commands) {
        try (TestConnection direct = new TestConnection(TestFrontEnd.setup(store, clock))) {
            direct.call(commands);
        }
    }

    @Test
    void repliesFollowRequestOrderWhateverOrderTheServiceAnswersIn() {
        storeDirectly("set a 0 0 1\r\nA\r\nset b 0 0 1\r\nB\r\nset c 0 0 1\r\nC\r\n");
        connection.send("get a\r\nget b\r\nget c\r\n");
        assertThat(service.readsSubmitted()).isEqualTo(3);

        service.answerRead(2);
        service.answerRead(1);
        assertThat(connection.replies()).isEmpty();
        service.answerRead(0);
        assertThat(connection.replies()).isEqualTo(
                "VALUE a 0 1\r\nA\r\nEND\r\nVALUE b 0 1\r\nB\r\nEND\r\nVALUE c 0 1\r\nC\r\nEND\r\n");
    }

    @Test
    void readsAreLinearizable() {
        connection.send("get a\r\n");
        assertThat(service.read(0).consistency()).isEqualTo(ReadConsistency.LINEARIZABLE);
    }

    @Test
    void aReadWaitsUntilEveryEarlierWriteHasCompleted() {
        connection.send("set k 0 0 1\r\nv\r\nset j 0 0 1\r\nw\r\nget k j\r\n");
        assertThat(service.writesSubmitted()).isEqualTo(2);
        assertThat(service.readsSubmitted()).isZero();

        service.acknowledgeWrite(1);
        assertThat(service.readsSubmitted()).isZero();
        service.acknowledgeWrite(0);
        assertThat(service.readsSubmitted()).isEqualTo(1);
        service.answerRead(0);
        assertThat(connection.replies())
                .isEqualTo("STORED\r\nSTORED\r\nVALUE k 0 1\r\nv\r\nVALUE j 0 1\r\nw\r\nEND\r\n");
    }

    @Test
    void aWriteWaitsUntilEveryEarlierReadHasCompleted() {
        connection.send("get k\r\nset k 0 0 1\r\nv\r\n");
        assertThat(service.readsSubmitted()).isEqualTo(1);
        assertThat(service.writesSubmitted()).isZero();

        service.answerRead(0);
        assertThat(service.writesSubmitted()).isEqualTo(1);
        service.acknowledgeWrite(0);
        assertThat(connection.replies()).isEqualTo("END\r\nSTORED\r\n");
    }

    @Test
    void consecutiveWritesAreInFlightTogetherAndProposedInOrder() {
        connection.send("set a 0 0 1\r\n1\r\nincr a 5\r\ndelete a\r\n");
        assertThat(service.writesSubmitted()).isEqualTo(3);

        service.acknowledgeWrite(2);
        service.acknowledgeWrite(1);
        assertThat(connection.replies()).isEmpty();
        service.acknowledgeWrite(0);
        assertThat(connection.replies()).isEqualTo("STORED\r\n6\r\nDELETED\r\n");
    }

    @Test
    void aNoreplyWriteKeepsItsPlaceInTheOrder() {
        connection.send("set k 0 0 1 noreply\r\nv\r\nget k\r\n");
        assertThat(service.readsSubmitted()).isZero();

        service.acknowledgeWrite(0);
        service.answerRead(0);
        assertThat(connection.replies()).isEqualTo("VALUE k 0 1\r\nv\r\nEND\r\n");
    }

    @Test
    void repliesThatNeedNoServiceWaitTheirTurn() {
        connection.send("get a\r\nversion\r\nbogus\r\n");
        assertThat(connection.replies()).isEmpty();

        service.answerRead(0);
        assertThat(connection.replies())
                .isEqualTo("END\r\nVERSION " + ConnectionSetup.VERSION + "\r\nERROR\r\n");
    }

    @Test
    void aStaleReadClaimsTheRecacheOnlyAfterEarlierReadsCompleted() {
        storeDirectly("set k 0 0 1\r\na\r\nmd k I\r\n");
        connection.send("get other\r\nmg k\r\n");
        assertThat(service.readsSubmitted()).isEqualTo(2);

        service.answerRead(1);
        assertThat(service.writesSubmitted()).isZero();
        service.answerRead(0);
        assertThat(service.writesSubmitted()).isEqualTo(1);
        assertThat(service.write(0).command()).isInstanceOf(Fetch.class);
        service.acknowledgeWrite(0);
        assertThat(connection.replies()).isEqualTo("END\r\nHD X W\r\n");
    }

    @Test
    void pipelinedStaleReadsAnsweredOutOfOrderStillGiveTheWinToTheFirst() {
        storeDirectly("set k 0 0 1\r\na\r\nmd k I\r\n");
        connection.send("mg k O1\r\nmg k O2\r\n");
        assertThat(service.readsSubmitted()).isEqualTo(2);

        service.answerRead(1);
        service.answerRead(0);
        assertThat(service.writesSubmitted()).isEqualTo(2);
        service.acknowledgeWrite(1);
        service.acknowledgeWrite(0);
        assertThat(connection.replies()).isEqualTo("HD O1 X W\r\nHD O2 Z X\r\n");
    }

    @Test
    void aMetaSetReadsTheSizeBackOnlyAfterItsWrite() {
        storeDirectly("set k 0 0 1\r\na\r\n");
        connection.send("ms k 2 MA s\r\nbc\r\n");
        assertThat(service.readsSubmitted()).isZero();

        service.acknowledgeWrite(0);
        assertThat(service.readsSubmitted()).isEqualTo(1);
        service.answerRead(0);
        assertThat(connection.replies()).isEqualTo("HD s3\r\n");
    }

    @Test
    void repliesArrivingAfterTheClientLeftAreDropped() {
        connection.send("get a\r\n");
        connection.channel().close();
        service.answerRead(0);
        assertThat(connection.replies()).isEmpty();
    }
}
