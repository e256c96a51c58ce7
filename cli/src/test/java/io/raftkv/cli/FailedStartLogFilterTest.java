package io.raftkv.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailedStartLogFilterTest {
    private final LoggerContext context = new LoggerContext();
    private final FailedStartLogFilter filter = new FailedStartLogFilter();

    private FilterReply decide(String loggerName, String message) {
        return filter.decide(new LoggingEvent(getClass().getName(), context.getLogger(loggerName), Level.WARN,
                message, null, null));
    }

    @Test
    void dropsRatisReportsOfAFailedServerStart() {
        assertThat(decide(FailedStartLogFilter.LIFE_CYCLE_LOGGER,
                "n1-RaftServerProxy: Failed to start (state=STARTING)")).isEqualTo(FilterReply.DENY);
        assertThat(decide(FailedStartLogFilter.LIFE_CYCLE_LOGGER,
                "n1-RaftServerProxy has failed (STARTING -> EXCEPTION)")).isEqualTo(FilterReply.DENY);
    }

    @Test
    void letsEveryOtherEventThrough() {
        assertThat(decide(FailedStartLogFilter.LIFE_CYCLE_LOGGER, "n1@group-1: failed (RUNNING -> EXCEPTION)"))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("org.apache.ratis.server.impl.RaftServerImpl",
                "n1-RaftServerProxy: Failed to start (state=STARTING)")).isEqualTo(FilterReply.NEUTRAL);
    }
}
