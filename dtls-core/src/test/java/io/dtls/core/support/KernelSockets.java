package io.dtls.core.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the kernel's table of UDP sockets (Linux {@code /proc/net/udp} and {@code udp6}), to
 * check which sockets a server holds on its address and port.
 */
public final class KernelSockets {

	private KernelSockets() {
	}

	/**
	 * Returns the remote port of every UDP socket bound to {@code local}: 0 for an unconnected
	 * socket, the peer's port for a connected one. Sockets of other processes that happen to
	 * use the same port on another address do not count.
	 */
	public static List<Integer> remotePortsOfSocketsOn(InetSocketAddress local) {
		List<Integer> remotePorts = new ArrayList<>();
		for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
			Path path = Path.of(table);
			if (!Files.exists(path)) {
				continue;
			}
			try {
				List<String> lines = Files.readAllLines(path);
				for (String line : lines.subList(1, lines.size())) {
					String[] fields = line.trim().split("\\s+");
					if (port(fields[1]) == local.getPort() && address(fields[1]).equals(local.getAddress())) {
						remotePorts.add(port(fields[2]));
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return remotePorts;
	}

	/**
	 * Returns how many sockets on {@code local} are connected to a peer.
	 */
	public static long connectedSocketsOn(InetSocketAddress local) {
		return remotePortsOfSocketsOn(local).stream().filter((port) -> port != 0).count();
	}

	private static int port(String hexAddressAndPort) {
		return Integer.parseInt(hexAddressAndPort.substring(hexAddressAndPort.indexOf(':') + 1), 16);
	}

	/**
	 * Decodes an address of the table: 32-bit words in hexadecimal, each in host byte order
	 * (little-endian here). An IPv4-mapped IPv6 address decodes to its IPv4 address.
	 */
	private static InetAddress address(String hexAddressAndPort) {
		byte[] words = HexFormat.of().parseHex(hexAddressAndPort.substring(0, hexAddressAndPort.indexOf(':')));
		byte[] address = new byte[words.length];
		for (int word = 0; word < words.length; word += 4) {
			for (int i = 0; i < 4; i++) {
				address[word + i] = words[word + 3 - i];
			}
		}
		try {
			return InetAddress.getByAddress(address);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
