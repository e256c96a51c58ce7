package io.raftkv.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the two stack traces Ratis logs when its server fails to start ("Failed to start", then "has failed
 * (STARTING -> EXCEPTION)"). The node reports every failed start itself: a damaged Raft log as one paragraph that says
 * what to do, anything unexpected as an internal error with the whole trace, so Ratis' copies only bury the message.
 * Every other Ratis event passes.
 */
public final class FailedStartLogFilter extends Filter<ILoggingEvent> {
    static final String LIFE_CYCLE_LOGGER = "org.apache.ratis.util.LifeCycle";
    static final String SERVER_PROXY = "RaftServerProxy";
    static final String FAILED_TO_START = "Failed to start";
    static final String FAILED_WHILE_STARTING = "(STARTING -> EXCEPTION)";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!LIFE_CYCLE_LOGGER.equals(event.getLoggerName())) {
            return FilterReply.NEUTRAL;
        }
        String message = event.getFormattedMessage();
        boolean failedStart = message != null && message.contains(SERVER_PROXY)
                && (message.contains(FAILED_TO_START) || message.contains(FAILED_WHILE_STARTING));
        return failedStart ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
