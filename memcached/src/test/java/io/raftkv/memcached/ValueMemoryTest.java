package io.raftkv.memcached;

import io.raftkv.core.Invariants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The node-wide bound on data-block bytes that connections hold, from the storage line until the reply. */
class ValueMemoryTest {
    /** Room for exactly one value of the largest size (1,024 bytes and its terminator). */
    static final long BUDGET_BYTES = ValueMemory.blockBytes(TestFrontEnd.VALUE_BYTES_MAX);
    static final String LARGEST_VALUE = "v".repeat(TestFrontEnd.VALUE_BYTES_MAX);

    private final TestClock clock = new TestClock();
    private final StateMachineKvService store = new StateMachineKvService(clock);
    private final ControlledService service = new ControlledService(store);
    private final ConnectionSetup setup = TestFrontEnd.setup(budgetConfig(), service, clock);
    private final TestConnection first = new TestConnection(setup);
    private final TestConnection second = new TestConnection(setup);

    private static MemcachedFrontEndConfig budgetConfig() {
        MemcachedFrontEndConfig base = TestFrontEnd.config();
        return new MemcachedFrontEndConfig(base.host(), base.port(), base.limits(), base.connectionsMax(),
                base.keyBytesMax(), base.lineBytesMax(), base.keysPerGetMax(), base.getReplyBytesMax(), base.pendingRequestsPerConnectionMax(),
                base.accessTableKeysMax(), BUDGET_BYTES);
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void reservationsBeyondTheBudgetAreRefusedAndReleasedOnesFitAgain() {
        ValueMemory memory = new ValueMemory(10);

        assertThat(memory.tryReserve(6)).isTrue();
        assertThat(memory.tryReserve(5)).isFalse();
        assertThat(memory.tryReserve(4)).isTrue();
        memory.release(6);
        assertThat(memory.tryReserve(5)).isTrue();
        assertThat(memory.reservedBytes()).isEqualTo(9);
    }

    @Test
    void releasingMoreThanWasReservedIsABug() {
        ValueMemory memory = new ValueMemory(10);
        memory.tryReserve(3);

        assertThatThrownBy(() -> memory.release(4)).isInstanceOf(Invariants.InvariantViolation.class);
    }

    @Test
    void aSetThatDoesNotFitIsRefusedWhileAnotherConnectionHoldsTheBudget() {
        first.send("set big 0 0 " + TestFrontEnd.VALUE_BYTES_MAX + "\r\n" + LARGEST_VALUE.substring(0, 10));
        assertThat(setup.valueBytesInFlight()).isEqualTo(BUDGET_BYTES);

        assertThat(second.call("set other 0 0 5\r\nhello\r\nmn\r\n"))
                .isEqualTo("SERVER_ERROR out of memory storing object\r\nMN\r\n");
        assertThat(service.writesSubmitted()).as("the refused set was never proposed").isZero();
    }

    @Test
    void theBudgetIsHeldUntilTheWriteIsAnsweredThenFreed() {
        first.send("set big 0 0 " + TestFrontEnd.VALUE_BYTES_MAX + "\r\n" + LARGEST_VALUE + "\r\n");
        assertThat(service.writesSubmitted()).isEqualTo(1);
        assertThat(setup.valueBytesInFlight()).as("held while replicating").isEqualTo(BUDGET_BYTES);

        service.acknowledgeWrite(0);
        assertThat(first.replies()).isEqualTo("STORED\r\n");
        assertThat(setup.valueBytesInFlight()).isZero();
        assertThat(second.call("set other 0 0 5\r\nhello\r\n")).as("the budget is free again").isEmpty();
        assertThat(service.writesSubmitted()).isEqualTo(2);
    }

    @Test
    void aConnectionClosedMidValueGivesItsReservationBack() {
        first.send("set big 0 0 " + TestFrontEnd.VALUE_BYTES_MAX + "\r\n" + LARGEST_VALUE.substring(0, 100));
        assertThat(setup.valueBytesInFlight()).isEqualTo(BUDGET_BYTES);

        first.channel().close();
        first.channel().runPendingTasks();

        assertThat(setup.valueBytesInFlight()).isZero();
    }

    @Test
    void aConnectionClosedWhileItsWriteIsInFlightGivesItsReservationBack() {
        first.send("set big 0 0 5\r\nhello\r\n");
        assertThat(setup.valueBytesInFlight()).isEqualTo(ValueMemory.blockBytes(5));

        first.channel().close();
        first.channel().runPendingTasks();
        service.acknowledgeWrite(0);
        first.channel().runPendingTasks();

        assertThat(setup.valueBytesInFlight()).isZero();
    }

    @Test
    void aBadDataChunkGivesItsReservationBack() {
        assertThat(first.call("set k 0 0 3\r\nabcde\r\n")).startsWith("CLIENT_ERROR bad data chunk\r\n");

        assertThat(setup.valueBytesInFlight()).isZero();
    }
}
