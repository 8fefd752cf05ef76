package io.dtls.core.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the kernel's table of UDP sockets (Linux {@code /proc/net/udp} and {@code udp6}), to
 * check which sockets a server holds on its port.
 */
public final class KernelSockets {

	private KernelSockets() {
	}

	/**
	 * Returns the remote port of every UDP socket bound to {@code localPort}: 0 for an
	 * unconnected socket, the peer's port for a connected one.
	 */
	public static List<Integer> remotePortsOfSocketsOn(int localPort) {
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
					if (port(fields[1]) == localPort) {
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
	 * Returns how many sockets on {@code localPort} are connected to a peer.
	 */
	public static long connectedSocketsOn(int localPort) {
		return remotePortsOfSocketsOn(localPort).stream().filter((port) -> port != 0).count();
	}

	private static int port(String hexAddressAndPort) {
		return Integer.parseInt(hexAddressAndPort.substring(hexAddressAndPort.indexOf(':') + 1), 16);
	}

}
