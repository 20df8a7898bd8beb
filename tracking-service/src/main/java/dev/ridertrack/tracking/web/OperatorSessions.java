package dev.ridertrack.tracking.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import dev.ridertrack.tracking.SecurityProperties;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Signed-in operators, one Redis key per session that expires with it. Redis rather than
 * memory: every tracking-service instance sees the same sessions, so signing out on one
 * ends the session on all, and a restart signs nobody out. The cookie holds a random id;
 * Redis holds only its hash (a copy of Redis opens no session) and the hash of the
 * operator token it was opened with (changing the token ends every session).
 */
@Component
class OperatorSessions {

	private static final String KEY = "ridertrack:operator-session:";

	private final SecureRandom random = new SecureRandom();

	private final StringRedisTemplate redis;

	private final SecurityProperties security;

	OperatorSessions(StringRedisTemplate redis, SecurityProperties security) {
		this.redis = redis;
		this.security = security;
	}

	/**
	 * Opens a session.
	 * @return the id for the cookie
	 */
	String open() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.redis.opsForValue().set(key(id), tokenHash(), this.security.session().timeout());
		return id;
	}

	/**
	 * Whether a session is open.
	 * @param id the cookie's value
	 * @return {@code true} until it expires, is closed, or the operator token changes
	 */
	boolean isOpen(String id) {
		if (id == null || id.length() != 43) {
			return false;
		}
		String hash = this.redis.opsForValue().get(key(id));
		return hash != null && MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
				tokenHash().getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Closes a session, on every instance.
	 * @param id the cookie's value
	 */
	void close(String id) {
		if (id != null) {
			this.redis.delete(key(id));
		}
	}

	private String tokenHash() {
		return sha256(String.valueOf(this.security.operatorToken()));
	}

	private static String key(String id) {
		return KEY + sha256(id);
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
