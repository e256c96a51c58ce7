package io.raftkv.torture.fault;

/**
 * One fault as it happened: what the nemesis did, to whom, and from when until it was healed. Times are nanoseconds on
 * the harness's monotonic clock from the start of the run, like the history's.
 *
 * @param kind        {@code kill}, {@code pause}, {@code partition}, {@code loss} or {@code clock}
 * @param description what exactly, for a person: "kill -9 n3 (leader)", "partition {n1,n2} | {n3,n4,n5}"
 * @param startNanos  when the fault began
 * @param endNanos    when it was healed
 */
public record FaultWindow(String kind, String description, long startNanos, long endNanos) {
}
