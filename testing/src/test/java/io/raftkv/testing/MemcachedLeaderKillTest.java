package io.raftkv.testing;

import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.exception.MemcachedException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of the leader while memcached clients write through the followers: every set that answered STORED is
 * there afterwards, on every node, through memcached and through HTTP.
 */
@Tag("integration")
class MemcachedLeaderKillTest extends ClusterTest {
    static final int WRITERS_PER_FOLLOWER = 2;
    static final int STORED_BEFORE_KILL_MIN = 100;
    static final int STORED_AFTER_KILL_MIN = 100;
    static final Duration LOAD_PHASE_TIMEOUT = Duration.ofSeconds(30);
    static final String PREFIX = "memcached-load/";

    @Test
    void leaderKillUnderMemcachedLoadLosesNoStoredWrite() throws Exception {
        LocalCluster cluster = startCluster(defaultOptions());
        String leader = cluster.awaitLeader(ELECTION_TIMEOUT);
        List<String> followers = cluster.otherThan(leader);
        try (MemcachedWriters writers = MemcachedWriters.start(cluster, followers)) {
            await("sets before the kill").atMost(LOAD_PHASE_TIMEOUT)
                    .until(() -> writers.storedCount() >= STORED_BEFORE_KILL_MIN);
            cluster.kill(leader);
            int storedAtKill = writers.storedCount();
            await("sets after the kill").atMost(LOAD_PHASE_TIMEOUT)
                    .until(() -> writers.storedCount() >= storedAtKill + STORED_AFTER_KILL_MIN);
            writers.stop();
            System.out.printf("memcached load: %d stored, %d with unknown outcome%n", writers.storedCount(),
                    writers.unknownCount());

            cluster.awaitLeader(ELECTION_TIMEOUT);
            Map<String, String> stored = writers.stored();
            for (String survivor : followers) {
                assertEveryStoredWriteReadable(cluster.memcachedAddress(survivor), stored);
                await("every stored write in " + survivor + "'s replica").atMost(CONVERGENCE_TIMEOUT)
                        .untilAsserted(() -> assertThat(replica(cluster, survivor)).containsAllEntriesOf(stored));
            }
        }
    }

    private static void assertEveryStoredWriteReadable(String address, Map<String, String> stored)
            throws TimeoutException, InterruptedException, MemcachedException {
        MemcachedClient reader = MemcachedClients.connect(address);
        try {
            List<String> keys = new ArrayList<>(stored.keySet());
            for (int start = 0; start < keys.size(); start += 100) {
                List<String> batch = keys.subList(start, Math.min(keys.size(), start + 100));
                Map<String, String> found = reader.get(batch);
                for (String key : batch) {
                    assertThat(found.get(key)).as("get %s from %s", key, address).isEqualTo(stored.get(key));
                }
            }
        } finally {
            MemcachedClients.close(reader);
        }
    }

    private static Map<String, String> replica(LocalCluster cluster, String nodeId) {
        Map<String, String> values = new ConcurrentHashMap<>();
        cluster.http().list(cluster.node(nodeId), Bytes.utf8(PREFIX), ReadConsistency.SERIALIZABLE).values()
                .forEach((key, value) -> values.put(key.asUtf8().orElseThrow(), value.asUtf8().orElseThrow()));
        return values;
    }

    /** Writer threads, each with its own xmemcached connection to one follower, setting unique keys until stopped. */
    private static final class MemcachedWriters implements AutoCloseable {
        private final List<Thread> threads = new ArrayList<>();
        private final List<MemcachedClient> clients = new ArrayList<>();
        private final Map<String, String> stored = new ConcurrentHashMap<>();
        private final AtomicInteger unknown = new AtomicInteger();
        private final AtomicReference<Throwable> unexpected = new AtomicReference<>();
        private volatile boolean stopping;

        static MemcachedWriters start(LocalCluster cluster, List<String> followers) {
            MemcachedWriters writers = new MemcachedWriters();
            int writerIndex = 0;
            for (String follower : followers) {
                for (int copy = 0; copy < WRITERS_PER_FOLLOWER; copy++) {
                    MemcachedClient client = MemcachedClients.connect(cluster.memcachedAddress(follower));
                    writers.clients.add(client);
                    int index = writerIndex++;
                    writers.threads.add(Thread.ofPlatform().name("memcached-writer-" + index)
                            .start(() -> writers.write(client, index)));
                }
            }
            return writers;
        }

        int storedCount() {
            if (unexpected.get() != null) {
                throw new AssertionError("a writer failed unexpectedly", unexpected.get());
            }
            return stored.size();
        }

        int unknownCount() {
            return unknown.get();
        }

        Map<String, String> stored() {
            return Map.copyOf(stored);
        }

        void stop() throws InterruptedException {
            stopping = true;
            for (Thread thread : threads) {
                thread.join(Duration.ofMillis(2 * MemcachedClients.OPERATION_TIMEOUT_MILLIS));
                assertThat(thread.isAlive()).as(thread.getName() + " stopped").isFalse();
            }
            storedCount();
        }

        @Override
        public void close() {
            stopping = true;
            clients.forEach(MemcachedClients::close);
        }

        /**
         * A set that times out or answers SERVER_ERROR has an unknown outcome: it may or may not have been applied.
         * Only STORED counts as acknowledged; NOT_STORED would be a bug for an unconditional set.
         */
        private void write(MemcachedClient client, int writerIndex) {
            for (long sequence = 0; !stopping && unexpected.get() == null; sequence++) {
                String key = PREFIX + writerIndex + "/" + sequence;
                String value = "value " + writerIndex + "/" + sequence;
                try {
                    if (client.set(key, 0, value)) {
                        stored.put(key, value);
                    } else {
                        unexpected.compareAndSet(null, new AssertionError("set " + key + " was not stored"));
                    }
                } catch (TimeoutException | MemcachedException outcomeUnknown) {
                    unknown.incrementAndGet();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException failure) {
                    unexpected.compareAndSet(null, failure);
                }
            }
        }
    }
}
