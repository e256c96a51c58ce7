package io.raftkv.torture.fault;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Real iptables rules between sockets on 127.0.1.1 and 127.0.1.2; skipped where iptables cannot be used. */
class FirewallTest {
    private static final String FIRST = "127.0.1.1";
    private static final String SECOND = "127.0.1.2";
    private static final String THIRD = "127.0.1.3";
    /** An open loopback connection completes in microseconds; this is slack for a loaded machine. */
    private static final int OPEN_CONNECT_TIMEOUT_MILLIS = 10_000;
    /** A dropped SYN is never answered, so any wait ends in a timeout; a short one keeps the test fast. */
    private static final int BLOCKED_CONNECT_TIMEOUT_MILLIS = 1_000;

    @BeforeEach
    void assumeIptables() {
        FaultTools.require(Firewall.unavailableReason());
    }

    @Test
    void dropBlocksThatLinkOnlyUntilHealed() throws IOException {
        try (Firewall firewall = Firewall.open()) {
            assertThat(connects(FIRST, SECOND, OPEN_CONNECT_TIMEOUT_MILLIS)).isTrue();

            firewall.drop(FIRST, SECOND);

            assertThat(connects(FIRST, SECOND, BLOCKED_CONNECT_TIMEOUT_MILLIS)).isFalse();
            // TCP needs both directions: the SYN-ACK from FIRST to SECOND is dropped too.
            assertThat(connects(SECOND, FIRST, BLOCKED_CONNECT_TIMEOUT_MILLIS)).isFalse();
            assertThat(connects(FIRST, THIRD, OPEN_CONNECT_TIMEOUT_MILLIS)).isTrue();
            assertThat(connects(THIRD, SECOND, OPEN_CONNECT_TIMEOUT_MILLIS)).isTrue();

            firewall.heal();

            assertThat(connects(FIRST, SECOND, OPEN_CONNECT_TIMEOUT_MILLIS)).isTrue();
        }
    }

    @Test
    void closeRestoresTheLinkAndLeavesNoChain() throws IOException {
        Firewall firewall = Firewall.open();
        firewall.drop(FIRST, SECOND);
        assertThat(rules()).contains(Firewall.CHAIN);

        firewall.close();
        firewall.close();

        assertThat(connects(FIRST, SECOND, OPEN_CONNECT_TIMEOUT_MILLIS)).isTrue();
        assertThat(rules()).doesNotContain(Firewall.CHAIN);
    }

    @Test
    void randomDropsUseTheStatisticMatch() {
        try (Firewall firewall = Firewall.open()) {
            firewall.dropRandomly(FIRST, SECOND, 25);

            assertThat(Command.run(List.of(iptablesBinary(), "-w", "-S", Firewall.CHAIN)).orThrow().output())
                    .contains("-s 127.0.1.1/32 -d 127.0.1.2/32 -m statistic --mode random --probability 0.25")
                    .contains("-j DROP");
        }
    }

    @Test
    void openRemovesAChainLeftByACrashedRun() throws IOException {
        iptables("-N", Firewall.CHAIN);
        iptables("-I", "INPUT", "-i", "lo", "-j", Firewall.CHAIN);
        iptables("-A", Firewall.CHAIN, "-s", FIRST, "-d", SECOND, "-j", "DROP");

        try (Firewall firewall = Firewall.open()) {
            assertThat(rules().lines().filter(line -> line.endsWith("-j " + Firewall.CHAIN))).hasSize(1);
            assertThat(connects(FIRST, SECOND, OPEN_CONNECT_TIMEOUT_MILLIS)).isTrue();
        }
        assertThat(rules()).doesNotContain(Firewall.CHAIN);
    }

    private static String iptablesBinary() {
        return Command.find("iptables").orElseThrow().toString();
    }

    private static String rules() {
        return Command.run(List.of(iptablesBinary(), "-w", "-S")).orThrow().output();
    }

    private static void iptables(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(iptablesBinary(), "-w"));
        command.addAll(List.of(arguments));
        Command.run(command).orThrow();
    }

    /** True when a socket bound to {@code from} connects to a listener on {@code to} within the timeout. */
    private static boolean connects(String from, String to, int timeoutMillis) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName(to));
             Socket client = new Socket()) {
            client.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            client.connect(new InetSocketAddress(InetAddress.getByName(to), server.getLocalPort()), timeoutMillis);
            return true;
        } catch (SocketTimeoutException timeout) {
            return false;
        }
    }
}
