package io.raftkv.core;

/**
 * A node's disk is nearly full: its data directory's file system has less free space than the node's reserve. While
 * any such alarm is active in the replicated state, every node refuses client writes, so that no node runs out of space
 * in the middle of a Raft log append (which Ratis cannot recover from without a restart).
 *
 * @param nodeId       the node whose disk is nearly full
 * @param freeBytes    the usable space it measured when it raised the alarm
 * @param reserveBytes its {@code --disk-reserve}
 * @param directory    its data directory, so that an operator knows where to free space
 */
public record NoSpaceAlarm(String nodeId, long freeBytes, long reserveBytes, String directory) {
}
