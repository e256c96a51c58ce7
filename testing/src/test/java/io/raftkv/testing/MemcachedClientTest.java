package io.raftkv.testing;

import net.rubyeye.xmemcached.GetsResponse;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.exception.MemcachedException;
import net.rubyeye.xmemcached.transcoders.StringTranscoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A real memcached client library (xmemcached, text protocol) against a 3-node cluster: every call goes to a node
 * that is not the leader, so each write is forwarded and each read is linearizable through the leader, and the other
 * follower sees the result at once. The tests share one cluster and use keys of their own; the flush runs last.
 */
@Tag("integration")
@ExtendWith(ClusterLogsOnFailure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemcachedClientTest implements ClusterHolder {
    /** A one-second TTL expires within about a second plus the leader's sweep interval; this is generous. */
    static final Duration EXPIRY_TIMEOUT = Duration.ofSeconds(10);
    /** The bar: a thousand open connections, a hundred of them busy, on one node. */
    static final int CONNECTIONS = 1_000;
    static final int ACTIVE_CONNECTIONS = 100;
    static final int ROUNDS_PER_ACTIVE_CONNECTION = 20;
    /** 2,000 writes and 2,000 linearizable reads from 100 connections at once; generous for a loaded machine. */
    static final Duration ACTIVE_PHASE_TIMEOUT = Duration.ofSeconds(120);

    private LocalCluster cluster;
    private MemcachedClient follower;
    private MemcachedClient otherFollower;

    @BeforeAll
    void startClusterAndClients(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path baseDirectory) {
        cluster = LocalCluster.start(ClusterOptions.in(baseDirectory));
        cluster.awaitReady(ClusterTest.STARTUP_TIMEOUT);
        String leader = cluster.awaitLeader(ClusterTest.ELECTION_TIMEOUT);
        List<String> followers = cluster.otherThan(leader);
        follower = MemcachedClients.connect(cluster.memcachedAddress(followers.get(0)));
        otherFollower = MemcachedClients.connect(cluster.memcachedAddress(followers.get(1)));
    }

    @AfterAll
    void closeClientsAndCluster() {
        if (follower != null) {
            MemcachedClients.close(follower);
            MemcachedClients.close(otherFollower);
        }
        clusters().forEach(LocalCluster::close);
    }

    @Override
    public List<LocalCluster> clusters() {
        return cluster == null ? List.of() : List.of(cluster);
    }

    @Test
    void setThenGetOnAnotherNodeReturnsTheValue() throws Exception {
        assertThat(follower.set("greeting", 0, "hello")).isTrue();

        assertThat(otherFollower.<String>get("greeting")).isEqualTo("hello");
        assertThat(otherFollower.<String>get("missing")).isNull();
        Map<String, String> both = otherFollower.get(List.of("greeting", "missing"));
        assertThat(both).containsExactly(Map.entry("greeting", "hello"));
    }

    @Test
    void casSucceedsWithTheCurrentUniqueAndFailsWithAStaleOne() throws Exception {
        follower.set("counter", 0, "a");
        GetsResponse<String> first = otherFollower.gets("counter");

        assertThat(follower.cas("counter", 0, "b", first.getCas())).isTrue();
        assertThat(otherFollower.cas("counter", 0, "c", first.getCas())).isFalse();

        GetsResponse<String> second = otherFollower.gets("counter");
        assertThat(second.getValue()).isEqualTo("b");
        assertThat(second.getCas()).isGreaterThan(first.getCas());
    }

    @Test
    void addAndReplaceRespectWhetherTheKeyExists() throws Exception {
        assertThat(follower.replace("fresh", 0, "x")).isFalse();
        assertThat(follower.add("fresh", 0, "first")).isTrue();
        assertThat(otherFollower.add("fresh", 0, "second")).isFalse();
        assertThat(otherFollower.replace("fresh", 0, "third")).isTrue();

        assertThat(follower.<String>get("fresh")).isEqualTo("third");
    }

    @Test
    void appendAndPrependExtendTheValue() throws Exception {
        follower.set("word", 0, "middle");
        assertThat(otherFollower.append("word", "-end")).isTrue();
        assertThat(follower.prepend("word", "start-")).isTrue();
        assertThat(follower.append("absent", "x")).isFalse();

        assertThat(otherFollower.<String>get("word")).isEqualTo("start-middle-end");
    }

    @Test
    void incrAndDecrCountAndDecrStopsAtZero() throws Exception {
        follower.set("hits", 0, "10");
        assertThat(follower.incr("hits", 5)).isEqualTo(15);
        assertThat(otherFollower.decr("hits", 3)).isEqualTo(12);
        assertThat(otherFollower.decr("hits", 100)).isZero();
        assertThat(follower.<String>get("hits")).isEqualTo("0");

        follower.set("huge", 0, "18446744073709551615");
        assertThat(follower.incr("huge", 2)).as("incr wraps around at 2^64").isEqualTo(1);
    }

    @Test
    void incrOfTextIsAClientError() throws Exception {
        follower.set("text", 0, "not a number");

        assertThatThrownBy(() -> follower.incr("text", 1)).isInstanceOf(MemcachedException.class)
                .hasMessageContaining("non-numeric");
        assertThat(follower.<String>get("text")).isEqualTo("not a number");
    }

    @Test
    void deleteRemovesTheKeyEverywhere() throws Exception {
        follower.set("doomed", 0, "x");
        assertThat(otherFollower.delete("doomed")).isTrue();
        assertThat(otherFollower.delete("doomed")).isFalse();

        assertThat(follower.<String>get("doomed")).isNull();
    }

    @Test
    void keyWithOneSecondTtlExpires() throws Exception {
        follower.set("short-lived", 1, "x");
        follower.set("long-lived", 3600, "y");

        await("expiry").atMost(EXPIRY_TIMEOUT).until(() -> otherFollower.get("short-lived") == null);
        assertThat(otherFollower.<String>get("long-lived")).isEqualTo("y");
    }

    @Test
    void touchExtendsTheLifeOfAKey() throws Exception {
        follower.set("touched", 1, "x");
        follower.set("untouched", 1, "y");
        assertThat(otherFollower.touch("touched", 3600)).isTrue();
        assertThat(otherFollower.touch("nothing-here", 3600)).isFalse();

        await("the untouched key expires").atMost(EXPIRY_TIMEOUT).until(() -> follower.get("untouched") == null);
        assertThat(follower.<String>get("touched")).isEqualTo("x");
    }

    @Test
    void thousandOpenConnectionsWithHundredActiveAreAllServed() throws Exception {
        String address = cluster.memcachedAddress(cluster.otherThan(cluster.awaitLeader(
                ClusterTest.ELECTION_TIMEOUT)).get(0));
        List<TextConnection> connections = new ArrayList<>();
        try {
            for (int index = 0; index < CONNECTIONS; index++) {
                connections.add(TextConnection.open(address));
            }
            List<Thread> active = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int index = 0; index < ACTIVE_CONNECTIONS; index++) {
                TextConnection connection = connections.get(index);
                int worker = index;
                active.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int round = 0; round < ROUNDS_PER_ACTIVE_CONNECTION; round++) {
                            String key = "many/" + worker + "/" + round;
                            assertThat(connection.call("set " + key + " 0 0 5\r\nvalue\r\n")).isEqualTo("STORED");
                            assertThat(connection.call("get " + key + "\r\n")).isEqualTo("VALUE " + key + " 0 5");
                            assertThat(connection.readLine()).isEqualTo("value");
                            assertThat(connection.readLine()).isEqualTo("END");
                        }
                    } catch (Throwable failed) {
                        failure.compareAndSet(null, failed);
                    }
                }));
            }
            for (Thread thread : active) {
                thread.join(ACTIVE_PHASE_TIMEOUT);
                assertThat(thread.isAlive()).as("an active connection finished its rounds").isFalse();
            }
            assertThat(failure.get()).as("first failure of an active connection").isNull();
            for (TextConnection connection : connections) {
                assertThat(connection.call("version\r\n")).startsWith("VERSION ");
            }
        } finally {
            connections.forEach(TextConnection::close);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void flushAllEmptiesTheStoreButKeepsLaterWrites() throws Exception {
        follower.set("before-1", 0, "x");
        follower.set("before-2", 0, "y");
        otherFollower.flushAll();
        follower.set("after", 0, "z");

        assertThat(otherFollower.<String>get("before-1")).isNull();
        assertThat(otherFollower.<String>get("before-2")).isNull();
        assertThat(otherFollower.<String>get("after")).isEqualTo("z");
    }

    @Test
    void binaryValueRoundTripsUnchanged() throws TimeoutException, InterruptedException, MemcachedException {
        StringBuilder everyByte = new StringBuilder();
        for (char character = 0; character < 256; character++) {
            everyByte.append(character);
        }
        // ISO-8859-1 maps chars 0..255 to the same bytes, so the value holds every byte, \r and \n included.
        StringTranscoder latin1 = new StringTranscoder("ISO-8859-1");
        follower.set("binary", 0, everyByte.toString(), latin1);

        assertThat(otherFollower.get("binary", latin1)).isEqualTo(everyByte.toString());
    }
}
