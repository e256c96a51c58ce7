package io.raftkv.cli;

/**
 * The {@code server} settings as given on the command line, unparsed; null where a flag was not given, so that the
 * environment can fill it in. Kept apart from picocli so {@link ServerSettings#resolve} is testable on its own.
 */
record ServerFlags(String id, String peers, String dataDirectory, String http, String storage, String valueBytesMax,
                   String snapshotEvery, String electionTimeout, String memcached, String join, boolean learner,
                   String raft, String diskReserve, String clusterId) {

    static ServerFlags none() {
        return new ServerFlags(null, null, null, null, null, null, null, null, null, null, false, null, null,
                null);
    }

    ServerFlags withId(String newId) {
        return new ServerFlags(newId, peers, dataDirectory, http, storage, valueBytesMax, snapshotEvery,
                electionTimeout, memcached, join, learner, raft, diskReserve, clusterId);
    }

    ServerFlags withPeers(String newPeers) {
        return new ServerFlags(id, newPeers, dataDirectory, http, storage, valueBytesMax, snapshotEvery,
                electionTimeout, memcached, join, learner, raft, diskReserve, clusterId);
    }

    ServerFlags withDataDirectory(String newDataDirectory) {
        return new ServerFlags(id, peers, newDataDirectory, http, storage, valueBytesMax, snapshotEvery,
                electionTimeout, memcached, join, learner, raft, diskReserve, clusterId);
    }

    ServerFlags withHttp(String newHttp) {
        return new ServerFlags(id, peers, dataDirectory, newHttp, storage, valueBytesMax, snapshotEvery,
                electionTimeout, memcached, join, learner, raft, diskReserve, clusterId);
    }

    ServerFlags withMemcached(String newMemcached) {
        return new ServerFlags(id, peers, dataDirectory, http, storage, valueBytesMax, snapshotEvery,
                electionTimeout, newMemcached, join, learner, raft, diskReserve, clusterId);
    }

    ServerFlags withStorage(String newStorage) {
        return new ServerFlags(id, peers, dataDirectory, http, newStorage, valueBytesMax, snapshotEvery,
                electionTimeout, memcached, join, learner, raft, diskReserve, clusterId);
    }

    ServerFlags withJoin(String newJoin, boolean newLearner, String newRaft) {
        return new ServerFlags(id, peers, dataDirectory, http, storage, valueBytesMax, snapshotEvery,
                electionTimeout, memcached, newJoin, newLearner, newRaft, diskReserve, clusterId);
    }

    ServerFlags withClusterId(String newClusterId) {
        return new ServerFlags(id, peers, dataDirectory, http, storage, valueBytesMax, snapshotEvery,
                electionTimeout, memcached, join, learner, raft, diskReserve, newClusterId);
    }
}
