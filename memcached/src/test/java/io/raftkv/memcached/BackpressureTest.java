package io.raftkv.memcached;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A connection with as many unanswered requests as it may have stops reading, and resumes below that. */
class BackpressureTest {
    private static final int PENDING_MAX = 3;

    private final TestClock clock = new TestClock();
    private final ControlledService service = new ControlledService(new StateMachineKvService(clock));
    private final TestConnection connection = new TestConnection(TestFrontEnd.setup(config(), service, clock));

    private static MemcachedFrontEndConfig config() {
        MemcachedFrontEndConfig base = TestFrontEnd.config();
        return new MemcachedFrontEndConfig(base.host(), base.port(), base.limits(), base.connectionsMax(),
                base.keyBytesMax(), base.lineBytesMax(), base.keysPerGetMax(), base.getReplyBytesMax(), PENDING_MAX,
                base.accessTableKeysMax(), base.valueBytesInFlightMax());
    }

    @AfterEach
    void close() {
        connection.close();
    }

    @Test
    void readingStopsAtTheLimitAndTheRestStaysUndecoded() {
        connection.send("get a\r\nget b\r\nget c\r\nget d\r\nget e\r\n");

        assertThat(service.readsSubmitted()).isEqualTo(PENDING_MAX);
        assertThat(connection.channel().config().isAutoRead()).isFalse();
        assertThat(connection.decoder().bufferedBytes()).isEqualTo("get d\r\nget e\r\n".length());
    }

    @Test
    void readingResumesBelowTheLimitWithWhatWasAlreadyBuffered() {
        connection.send("get a\r\nget b\r\nget c\r\nget d\r\nget e\r\n");

        service.answerRead(0);
        assertThat(connection.replies()).isEqualTo("END\r\n");
        assertThat(service.readsSubmitted()).isEqualTo(4);
        assertThat(connection.channel().config().isAutoRead()).isFalse();

        for (int index = 1; index < 5; index++) {
            service.answerRead(index);
            connection.channel().runPendingTasks();
        }
        assertThat(connection.replies()).isEqualTo("END\r\n".repeat(4));
        assertThat(service.readsSubmitted()).isEqualTo(5);
        assertThat(connection.channel().config().isAutoRead()).isTrue();
        assertThat(connection.decoder().bufferedBytes()).isZero();
    }

    @Test
    void noreplyRequestsCountUntilTheyAreDone() {
        connection.send("set a 0 0 1 noreply\r\n1\r\nset b 0 0 1 noreply\r\n2\r\nset c 0 0 1 noreply\r\n3\r\nmn\r\n");

        assertThat(service.writesSubmitted()).isEqualTo(PENDING_MAX);
        assertThat(connection.channel().config().isAutoRead()).isFalse();
        for (int index = 0; index < PENDING_MAX; index++) {
            service.acknowledgeWrite(index);
        }
        assertThat(connection.replies()).isEqualTo("MN\r\n");
        assertThat(connection.channel().config().isAutoRead()).isTrue();
    }

    @Test
    void readingStopsWhileRepliesPileUpUnsent() {
        EmbeddedChannel channel = connection.channel();
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        channel.runPendingTasks();
        assertThat(channel.isWritable()).isFalse();
        assertThat(channel.config().isAutoRead()).isFalse();

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void theThrottleDropsSocketReadsWhileTheGateIsClosed() {
        AtomicInteger readsPassed = new AtomicInteger();
        EmbeddedChannel channel = connection.channel();
        channel.pipeline().addFirst("counter", new ChannelOutboundHandlerAdapter() {
            @Override
            public void read(ChannelHandlerContext ctx) {
                readsPassed.incrementAndGet();
                ctx.read();
            }
        });
        connection.send("get a\r\nget b\r\nget c\r\n");

        channel.read();
        assertThat(readsPassed).hasValue(0);

        service.answerRead(0);
        channel.runPendingTasks();
        int afterResume = readsPassed.get();
        channel.read();
        assertThat(readsPassed).hasValue(afterResume + 1);
    }
}
