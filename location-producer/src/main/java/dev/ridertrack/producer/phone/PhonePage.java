package dev.ridertrack.producer.phone;

import java.util.List;

import static dev.ridertrack.producer.phone.PhoneSetupController.html;

/**
 * The HTML of the set-up page: one card per app with what to type and a QR code, and a
 * curl line that sends one fix the way that app does. Everything is escaped; nothing is
 * loaded from elsewhere.
 */
final class PhonePage {

	private PhonePage() {
	}

	static String render(PhoneSetup setup, List<String> lan, String host, String ownTracksLink) {
		String rider = html(setup.riderId());
		String token = html(setup.token());
		StringBuilder hosts = new StringBuilder();
		for (String address : lan) {
			hosts.append(address.equals(host) ? "<b>" + html(address) + "</b> " : "<a href=\"?name="
					+ html(setup.riderId()) + "&amp;host=" + html(address) + "\">" + html(address) + "</a> ");
		}
		String now = "$(date +%s)";
		String traccarCurl = "curl -i '" + setup.traccarServerUrl() + "&id=" + setup.riderId()
				+ "&lat=52.5200&lon=13.4050&timestamp='" + now + "'&speed=10.8&bearing=90&accuracy=5'";
		String ownTracksCurl = "curl -i -u '" + setup.riderId() + ":" + setup.token() + "' " + setup.ownTracksUrl()
				+ " -H 'Content-Type: application/json' -d '{\"_type\":\"location\",\"lat\":52.5201,\"lon\":13.4052,\"tst\":'"
				+ now + "',\"tid\":\"" + setup.trackerId() + "\",\"acc\":5,\"vel\":18,\"cog\":90}'";
		return """
				<!doctype html>
				<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
				<title>RiderTrack: your phone as a rider</title>
				<style>
				body{font:15px/1.45 system-ui,sans-serif;margin:0;background:#0f1620;color:#e6edf3}
				main{max-width:1100px;margin:0 auto;padding:20px}
				h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:0 0 8px}
				.lead{color:#9fb0c0;margin:0 0 16px}
				form{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin:0 0 12px}
				input{font:inherit;padding:6px 8px;border-radius:6px;border:1px solid #39475a;background:#16202c;color:inherit}
				button{font:inherit;padding:6px 12px;border-radius:6px;border:0;background:#2f81f7;color:#fff;cursor:pointer}
				.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0 0 16px}
				.facts dt{color:#9fb0c0}.facts dd{margin:0}
				code,pre{font:13px/1.4 ui-monospace,monospace;background:#16202c;border-radius:4px;padding:2px 5px;word-break:break-all;white-space:pre-wrap}
				pre{padding:8px;margin:8px 0 0}
				.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}
				.card{background:#141d28;border:1px solid #26323f;border-radius:10px;padding:16px}
				.qr{width:220px;height:220px;display:block;margin:8px auto;border-radius:6px}
				ol{padding-left:20px;margin:8px 0}li{margin:3px 0}
				a{color:#6cb6ff}.note{color:#9fb0c0;font-size:13px}
				</style></head><body><main>
				<h1>Your phone as a rider</h1>
				<p class="lead">Install one of the apps, scan its QR code (or type what is shown), start tracking, and find
				<b>%1$s</b> on the dashboard (type it in the search box: your phone is where you are, the simulated city
				may be elsewhere): real phones are drawn with a white ring and their name.</p>
				<form method="get" action="/phone"><label>Name <input name="name" value="%2$s" maxlength="58"
				pattern="[A-Za-z0-9_-]+" title="letters, digits, - and _"></label><label>Laptop address <input name="host"
				value="%3$s" size="16" title="the address the phone reaches this laptop at"></label>
				<button>New rider</button></form>
				<dl class="facts">
				<dt>rider id</dt><dd><code>%1$s</code></dd>
				<dt>token</dt><dd><code>%4$s</code></dd>
				<dt>laptop address</dt><dd><code>%3$s</code> %5$s<span class="note">(the phone must be on the same
				Wi-Fi; pick another address if the phone cannot reach this one, or type it above: <code>ip -4 addr</code>,
				<code>ipconfig getifaddr en0</code>, <code>ipconfig</code>)</span></dd>
				</dl>
				<div class="cards">
				<section class="card"><h2>Traccar Client</h2>%6$s
				<ol><li>Settings → scan the QR code, <i>or</i> type:</li>
				<li>Device identifier: <code>%1$s</code></li>
				<li>Server URL: <code>%7$s</code></li>
				<li>Location accuracy: high; frequency: %8$d s; then switch tracking on.</li></ol>
				<p class="note">The same fix from a shell (OsmAnd protocol, speed in knots):</p><pre>%9$s</pre></section>
				<section class="card"><h2>OwnTracks</h2>%10$s
				<ol><li>Scan with the phone's camera and open the link in OwnTracks, <i>or</i> in Preferences → Connection:</li>
				<li>Mode: HTTP; URL (Host): <code>%11$s</code></li>
				<li>Identification / Authentication: user name <code>%1$s</code>, password <code>%4$s</code>,
				Device ID <code>phone</code>, Tracker ID <code>%12$s</code></li>
				<li>Monitoring: Move (a fix every %8$d s).</li></ol>
				<p class="note">The same fix from a shell (vel in km/h):</p><pre>%13$s</pre></section>
				<section class="card"><h2>OsmAnd</h2>%14$s
				<ol><li>Plugins → Trip recording → Settings → Online tracking: on</li>
				<li>Web address: paste <code>%15$s</code> (the QR code holds it: scan it with the camera and copy)</li>
				<li>Tracking interval: %8$d s; start trip recording.</li></ol>
				<p class="note">OsmAnd fills {5} with m/s, hence <code>speedMps</code>; Traccar's <code>speed</code> is knots.</p></section>
				</div>
				<p class="note">Local profile only. Step by step: docs/phone-apps.md in the repository.</p>
				</main></body></html>
				"""
			.formatted(rider, html(setup.riderId().substring(PhoneSetup.PREFIX.length())), html(host), token, hosts,
					QrSvg.of(setup.traccarQr()), html(setup.traccarServerUrl()), PhoneSetup.INTERVAL_SECONDS,
					html(traccarCurl), QrSvg.of(ownTracksLink), html(setup.ownTracksUrl()), html(setup.trackerId()),
					html(ownTracksCurl), QrSvg.of(setup.osmandUrl()), html(setup.osmandUrl()));
	}

}
