package dev.ridertrack.producer.phone;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * This machine's addresses that a phone on the same Wi-Fi can reach: private IPv4
 * addresses of interfaces that are up, home-network ranges first ({@code 192.168.*}, then
 * {@code 10.*}, then {@code 172.16-31.*}, where container bridges usually live).
 */
final class LanAddresses {

	private LanAddresses() {
	}

	static List<String> find() {
		List<String> addresses = new ArrayList<>();
		try {
			for (NetworkInterface face : NetworkInterface.networkInterfaces().toList()) {
				if (!face.isUp() || face.isLoopback() || face.isVirtual()) {
					continue;
				}
				for (InetAddress address : face.inetAddresses().toList()) {
					if (address instanceof Inet4Address && address.isSiteLocalAddress()) {
						addresses.add(address.getHostAddress());
					}
				}
			}
		}
		catch (SocketException ex) {
			// no interfaces to list: the page asks for the address instead
		}
		addresses.sort(Comparator.comparingInt(LanAddresses::rank).thenComparing(Comparator.naturalOrder()));
		return addresses;
	}

	private static int rank(String address) {
		if (address.startsWith("192.168.")) {
			return 0;
		}
		return address.startsWith("10.") ? 1 : 2;
	}

}
