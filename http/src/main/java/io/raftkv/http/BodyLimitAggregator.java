package io.raftkv.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Aggregates request bodies up to the value limit. An oversized body is answered with the API's own JSON 413
 * ({@code value_too_large}) rather than Netty's empty one, and the body is discarded, so nothing reaches storage.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {

    BodyLimitAggregator(int valueBytesMax) {
        super(valueBytesMax);
    }

    /**
     * A client that sent {@code Expect: 100-continue} with too large a Content-Length gets no 100 and our 413 instead
     * of Netty's plain one: returning no continue response makes the aggregator treat it as oversized below.
     */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        if (HttpUtil.is100ContinueExpected(start) && HttpUtil.getContentLength(start, -1L) > maxContentLength) {
            start.headers().remove(HttpHeaderNames.EXPECT);
            return null;
        }
        return super.newContinueResponse(start, maxContentLength, pipeline);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        // A full message means body bytes were already consumed and the rest may still be arriving mid-stream, so
        // the connection cannot be reused. With only the head read, the aggregator skips the body and keep-alive works.
        boolean bodyPartlyRead = oversized instanceof FullHttpMessage;
        ctx.fireChannelRead(new OversizedBody(bodyPartlyRead || !HttpUtil.isKeepAlive(oversized)));
    }
}
