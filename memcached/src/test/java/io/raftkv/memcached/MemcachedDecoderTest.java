package io.raftkv.memcached;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.raftkv.core.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Framing: lines, data blocks, refusals that swallow, limits, and packets split anywhere. */
class MemcachedDecoderTest {
    private static final int LINE_BYTES_MAX = TestFrontEnd.config().lineBytesMax();

    private final MemcachedDecoder decoder = newDecoder();
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    private static MemcachedDecoder newDecoder() {
        return new MemcachedDecoder(new RequestLineParser(TestFrontEnd.config()), LINE_BYTES_MAX, new ReadGate(),
                new ValueMemory(TestFrontEnd.config().valueBytesInFlightMax()));
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private List<ClientRequest> feed(String text) {
        return feed(channel, TestConnection.bytes(text));
    }

    private static List<ClientRequest> feed(EmbeddedChannel target, byte[] data) {
        target.writeInbound(Unpooled.wrappedBuffer(data));
        return drain(target);
    }

    private static List<ClientRequest> drain(EmbeddedChannel target) {
        List<ClientRequest> requests = new ArrayList<>();
        for (Object request = target.readInbound(); request != null; request = target.readInbound()) {
            requests.add((ClientRequest) request);
        }
        return requests;
    }

    private static ClientRequest.Storage set(String key, String value) {
        return new ClientRequest.Storage(ClientRequest.StorageVerb.SET, Bytes.utf8(key), 0, 0, 0, false,
                Bytes.wrap(TestConnection.bytes(value)));
    }

    @Test
    void linesEndWithCrLfOrABareNewline() {
        assertThat(feed("version\r\nmn\nquit\r\n")).containsExactly(new ClientRequest.Version(),
                new ClientRequest.MetaNoop(), new ClientRequest.Quit());
    }

    @Test
    void aStorageCommandWaitsForItsWholeDataBlock() {
        assertThat(feed("set k 0 0 5\r\nhel")).isEmpty();
        assertThat(decoder.state()).isEqualTo(MemcachedDecoder.State.DATA);
        assertThat(feed("lo\r")).isEmpty();
        assertThat(feed("\n")).containsExactly(set("k", "hello"));
        assertThat(decoder.state()).isEqualTo(MemcachedDecoder.State.LINE);
    }

    @Test
    void aDataBlockMayHoldLineEndsAndAnyByte() {
        assertThat(feed("set k 0 0 6\r\n\r\n\u0000\u00ff\n\r\r\n")).containsExactly(set("k", "\r\n\u0000\u00ff\n\r"));
        assertThat(feed("set e 0 0 0\r\n\r\n")).containsExactly(set("e", ""));
    }

    @Test
    void aMissingDataTerminatorIsABadDataChunkAndStoresNothing() {
        List<ClientRequest> requests = feed("set k 0 0 3\r\nabcde\r\n");

        assertThat(requests).hasSize(2);
        assertThat(requests.getFirst()).isEqualTo(
                new ClientRequest.Invalid(RequestLineParser.BAD_DATA_CHUNK, false));
        assertThat(requests).noneMatch(request -> request instanceof ClientRequest.Storage);
    }

    @Test
    void aDataBlockShorterThanDeclaredSwallowsTheNextLineAndStoresNothing() {
        List<ClientRequest> requests = feed("set k 0 0 10\r\nshort\r\nget k\r\n");

        assertThat(requests.getFirst()).isEqualTo(
                new ClientRequest.Invalid(RequestLineParser.BAD_DATA_CHUNK, false));
        assertThat(requests).noneMatch(request -> request instanceof ClientRequest.Storage);
    }

    @Test
    void aNoreplyBadDataChunkStaysQuietButAMetaSetOneNeverDoes() {
        assertThat(feed("set k 0 0 1 noreply\r\nab\r\n").getFirst())
                .isEqualTo(new ClientRequest.Invalid(RequestLineParser.BAD_DATA_CHUNK, true));
        assertThat(feed("ms k 1 q\r\nab\r\n").getFirst())
                .isEqualTo(new ClientRequest.Invalid(RequestLineParser.BAD_DATA_CHUNK, false));
    }

    @Test
    void aDeclaredLengthFarOverTheLimitIsSwallowedAsItArrivesAndNeverBuffered() {
        assertThat(feed("set k 0 0 2000000000\r\n")).containsExactly(new ClientRequest.TooLarge(false));
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        long remaining = 2_000_000_002L;
        for (int round = 0; round < 10; round++) {
            assertThat(feed(channel, chunk)).isEmpty();
            remaining -= chunk.length;
            assertThat(decoder.state()).isEqualTo(MemcachedDecoder.State.SWALLOW);
            assertThat(decoder.swallowRemaining()).isEqualTo(remaining);
            assertThat(decoder.bufferedBytes()).isZero();
        }
    }

    @Test
    void afterSwallowingExactlyTheRefusedBlockTheNextCommandIsRead() {
        int declared = TestFrontEnd.VALUE_BYTES_MAX + 100;
        assertThat(feed("set k 0 0 " + declared + "\r\n")).containsExactly(new ClientRequest.TooLarge(false));
        assertThat(feed("y".repeat(declared))).isEmpty();
        assertThat(decoder.swallowRemaining()).isEqualTo(2);
        assertThat(feed("\r\nversion\r\n")).containsExactly(new ClientRequest.Version());
    }

    @Test
    void aRefusedStorageLineSwallowsItsDataSoItIsNeverTakenForCommands() {
        assertThat(feed("set k bad 0 13\r\nflush_all\r\nmn\r\nversion\r\n")).containsExactly(
                new ClientRequest.Invalid(RequestLineParser.BAD_FORMAT, false), new ClientRequest.Version());
    }

    @Test
    void aLineLongerThanTheLimitIsAnsweredOnceAndEverythingAfterIsDropped() {
        assertThat(feed("get " + "k".repeat(LINE_BYTES_MAX - 10))).isEmpty();
        assertThat(feed("k".repeat(20))).containsExactly(new ClientRequest.LineTooLong());
        assertThat(decoder.state()).isEqualTo(MemcachedDecoder.State.CLOSED);
        assertThat(decoder.bufferedBytes()).isZero();
        assertThat(feed("\r\nversion\r\n")).isEmpty();
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void aLineOfExactlyTheLimitWithItsTerminatorIsAccepted() {
        StringBuilder text = new StringBuilder("get");
        while (text.length() + 252 <= LINE_BYTES_MAX - 2) {
            text.append(' ').append("k".repeat(250));
        }
        int lastKeyBytes = LINE_BYTES_MAX - 2 - text.length() - 1;
        text.append(' ').append("k".repeat(lastKeyBytes));
        assertThat(text.length() + 2).isEqualTo(LINE_BYTES_MAX);

        assertThat(feed(text + "\r\n")).singleElement().isInstanceOf(ClientRequest.Retrieval.class);
        assertThat(feed(text + "k\r\n")).containsExactly(new ClientRequest.LineTooLong());
    }

    @Test
    void aDisconnectMidValueProducesNothingAndReleasesThePartialBlock() {
        ByteBuf line = Unpooled.copiedBuffer(TestConnection.bytes("set k 0 0 100\r\n"));
        ByteBuf partial = Unpooled.copiedBuffer(new byte[50]);
        channel.writeInbound(line);
        channel.writeInbound(partial);
        assertThat(decoder.state()).isEqualTo(MemcachedDecoder.State.DATA);
        assertThat(decoder.bufferedBytes()).isEqualTo(50);

        channel.close();

        assertThat(drain(channel)).isEmpty();
        assertThat(line.refCnt()).isZero();
        assertThat(partial.refCnt()).isZero();
    }

    @Test
    void aPipelinedSequenceSplitAtEveryByteBoundaryDecodesTheSame() {
        byte[] pipeline = TestConnection.bytes("set a 7 0 5\r\nhe\r\nl\r\nget a b\r\nms k 2 T0 c\r\nhi\r\n"
                + "mn\nset big 0 0 2000\r\n" + "z".repeat(2000) + "\r\ndelete a 0 noreply\r\n"
                + "set x 0 0 2\r\nabc\r\nincr n 5\r\n");
        List<ClientRequest> whole = feed(channel, pipeline);
        assertThat(whole).hasSize(9);

        for (int split = 1; split < pipeline.length; split++) {
            EmbeddedChannel splitChannel = new EmbeddedChannel(newDecoder());
            List<ClientRequest> requests = new ArrayList<>(feed(splitChannel, Arrays.copyOfRange(pipeline, 0, split)));
            requests.addAll(feed(splitChannel, Arrays.copyOfRange(pipeline, split, pipeline.length)));
            assertThat(requests).as("split at %d", split).isEqualTo(whole);
            splitChannel.finishAndReleaseAll();
        }
    }

    @Test
    void aPipelinedSequenceFedOneByteAtATimeDecodesTheSame() {
        byte[] pipeline = TestConnection.bytes("set a 0 0 3 noreply\r\nabc\r\ngets a\r\nmg a v k Oz\r\nversion\n");
        List<ClientRequest> whole = feed(channel, pipeline);
        EmbeddedChannel byteChannel = new EmbeddedChannel(newDecoder());
        List<ClientRequest> requests = new ArrayList<>();
        for (byte single : pipeline) {
            requests.addAll(feed(byteChannel, new byte[]{single}));
        }
        assertThat(requests).isEqualTo(whole).hasSize(4);
        byteChannel.finishAndReleaseAll();
    }

    @Test
    void aClosedGateLeavesBufferedCommandsUndecoded() {
        ReadGate gate = new ReadGate();
        MemcachedDecoder gated = new MemcachedDecoder(new RequestLineParser(TestFrontEnd.config()),
                LINE_BYTES_MAX, gate, new ValueMemory(TestFrontEnd.config().valueBytesInFlightMax()));
        EmbeddedChannel gatedChannel = new EmbeddedChannel(gated);
        gate.close();

        assertThat(feed(gatedChannel, TestConnection.bytes("version\r\nmn\r\n"))).isEmpty();
        assertThat(gated.bufferedBytes()).isEqualTo(13);

        gate.open();
        gatedChannel.pipeline().fireChannelRead(Unpooled.EMPTY_BUFFER);
        assertThat(drain(gatedChannel)).containsExactly(new ClientRequest.Version(), new ClientRequest.MetaNoop());
        gatedChannel.finishAndReleaseAll();
    }
}
