package dev.ridertrack.producer.phone;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.ridertrack.producer.security.RiderTokens;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /phone}: sets a phone up as a rider. For a new rider id it shows the token,
 * the exact server URL to type into each app and a QR code of it. Only in the
 * {@code local} profile: anywhere else it would hand out rider tokens.
 */
@Controller
@Profile("local")
class PhoneSetupController {

	private final RiderTokens riderTokens;

	private final JsonMapper json;

	PhoneSetupController(RiderTokens riderTokens, JsonMapper json) {
		this.riderTokens = riderTokens;
		this.json = json;
	}

	@GetMapping(path = "/phone", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String page(@RequestParam(required = false) String name, @RequestParam(required = false) String host,
			ServerHttpRequest request) {
		String riderId = PhoneSetup.riderId((name != null) ? name : "");
		if (riderId.equals(PhoneSetup.PREFIX)) {
			riderId = PhoneSetup.PREFIX + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
		}
		List<String> lan = LanAddresses.find();
		String chosen = chooseHost(host, request.getURI(), lan);
		int port = (request.getURI().getPort() > 0) ? request.getURI().getPort() : 80;
		PhoneSetup setup = new PhoneSetup(riderId, this.riderTokens.mint(riderId), "http://" + chosen + ":" + port);
		return PhonePage.render(setup, lan, chosen, setup.ownTracksConfigLink(this.json));
	}

	/**
	 * The address the phone should use: the one asked for, else the one this page was
	 * opened at unless that is this machine only, else the first LAN address.
	 */
	private static String chooseHost(String asked, URI page, List<String> lan) {
		if (asked != null && asked.matches("[A-Za-z0-9.:-]{1,253}")) {
			return asked;
		}
		String opened = page.getHost();
		if (opened != null && !opened.equals("localhost") && !opened.startsWith("127.") && !opened.equals("[::1]")) {
			return opened;
		}
		return lan.isEmpty() ? "YOUR-LAPTOP-IP" : lan.get(0);
	}

	static String html(String text) {
		return HtmlUtils.htmlEscape(text);
	}

}
