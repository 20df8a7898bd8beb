package dev.ridertrack.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless bearer tokens that expire: a token is {@code <expiry>.<mac>}, the expiry in
 * epoch seconds and the mac the HMAC-SHA256 of a purpose, a subject (a rider id, an order
 * id) and the expiry under a server secret. Whoever holds the secret can mint and check
 * tokens, so no token store is needed; a token for one subject or purpose is worth
 * nothing for another, and changing its expiry breaks its mac.
 * <p>
 * The secret can be rotated: tokens minted under the previous secret are still accepted
 * while it is configured, and new tokens are minted under the current one only.
 */
public final class HmacTokens {

	/** How long a token minted by {@link #mint(String)} lasts unless told otherwise. */
	public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);

	private static final String ALGORITHM = "HmacSHA256";

	/** An HMAC-SHA256 in unpadded base64url. */
	private static final int MAC_LENGTH = 43;

	/**
	 * What a presented token is worth.
	 */
	public enum Check {

		/**
		 * Minted for this subject and purpose, under a configured secret, not expired.
		 */
		VALID,

		/** Minted for this subject and purpose, but its expiry has passed. */
		EXPIRED,

		/** Not a token of this subject and purpose (or garbled, or missing). */
		INVALID

	}

	private final SecretKeySpec key;

	private final SecretKeySpec previousKey;

	private final String purpose;

	private final Duration lifetime;

	private final Clock clock;

	/**
	 * Tokens for one purpose that last {@link #DEFAULT_LIFETIME}, under one secret.
	 * @param secret the server secret, at least 16 characters
	 * @param purpose what the tokens are for, such as {@code rider} or {@code order}, so
	 * a rider token never opens an order
	 */
	public HmacTokens(String secret, String purpose) {
		this(secret, null, purpose, DEFAULT_LIFETIME, Clock.systemUTC());
	}

	/**
	 * Tokens for one purpose.
	 * @param secret the server secret tokens are minted and checked with, at least 16
	 * characters
	 * @param previousSecret the secret before the last rotation, still accepted when
	 * checking; {@code null} or blank for none
	 * @param purpose what the tokens are for
	 * @param lifetime how long a token minted by {@link #mint(String)} lasts
	 * @param clock the time tokens are minted and checked at
	 */
	public HmacTokens(String secret, String previousSecret, String purpose, Duration lifetime, Clock clock) {
		this.key = key(secret);
		this.previousKey = (previousSecret == null || previousSecret.isBlank()) ? null : key(previousSecret);
		if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
			throw new IllegalArgumentException("a token lifetime must be positive");
		}
		this.purpose = purpose;
		this.lifetime = lifetime;
		this.clock = clock;
	}

	private static SecretKeySpec key(String secret) {
		if (secret == null || secret.length() < 16) {
			throw new IllegalArgumentException("the token secret must be at least 16 characters");
		}
		return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
	}

	/**
	 * The token for a subject, valid for this instance's lifetime. The expiry is rounded
	 * up to the whole minute, so tokens minted within one minute for one subject are the
	 * same token: a verifier that remembers the last token it checked (location-producer
	 * does, per rider) computes one HMAC per rider per minute, not one per request.
	 * @param subject the rider or order id
	 * @return a URL-safe token
	 */
	public String mint(String subject) {
		long expiry = this.clock.instant().plus(this.lifetime).getEpochSecond();
		return mint(subject, Instant.ofEpochSecond(Math.floorDiv(expiry + 59, 60) * 60));
	}

	/**
	 * The token for a subject that expires at a given time.
	 * @param subject the rider or order id
	 * @param expiresAt when the token stops being accepted (whole seconds)
	 * @return a URL-safe token
	 */
	public String mint(String subject, Instant expiresAt) {
		long expiry = expiresAt.getEpochSecond();
		return expiry + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(this.key, subject, expiry));
	}

	/**
	 * Whether a token was minted for this subject and has not expired, compared in
	 * constant time.
	 * @param subject the rider or order id the caller claims
	 * @param token the token the caller presented, may be {@code null}
	 * @return {@code true} if the token is the subject's and still valid
	 */
	public boolean verify(String subject, String token) {
		return check(subject, token) == Check.VALID;
	}

	/**
	 * What a token is worth for this subject: valid, expired (so a client can be told to
	 * fetch a new one) or invalid.
	 * @param subject the rider or order id the caller claims
	 * @param token the token the caller presented, may be {@code null}
	 * @return the verdict
	 */
	public Check check(String subject, String token) {
		long expiry = expiry(token);
		if (subject == null || expiry < 0) {
			return Check.INVALID;
		}
		byte[] presented;
		try {
			presented = Base64.getUrlDecoder().decode(token.substring(token.indexOf('.') + 1));
		}
		catch (IllegalArgumentException ex) {
			return Check.INVALID;
		}
		boolean minted = MessageDigest.isEqual(mac(this.key, subject, expiry), presented) || (this.previousKey != null
				&& MessageDigest.isEqual(mac(this.previousKey, subject, expiry), presented));
		if (!minted) {
			return Check.INVALID;
		}
		return (this.clock.instant().getEpochSecond() < expiry) ? Check.VALID : Check.EXPIRED;
	}

	/**
	 * When a token says it expires, without checking that it is genuine: for messages and
	 * caches, never for a decision on its own.
	 * @param token a token, may be {@code null}
	 * @return its expiry in epoch seconds, or {@code -1} if it is not shaped like a token
	 */
	public static long expiry(String token) {
		if (token == null) {
			return -1;
		}
		int dot = token.indexOf('.');
		if (dot < 1 || dot > 12 || token.length() != dot + 1 + MAC_LENGTH) {
			return -1;
		}
		long expiry = 0;
		for (int i = 0; i < dot; i++) {
			char c = token.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			expiry = expiry * 10 + (c - '0');
		}
		for (int i = dot + 1; i < token.length(); i++) {
			char c = token.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
				return -1;
			}
		}
		return expiry;
	}

	private byte[] mac(SecretKeySpec key, String subject, long expiry) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac.doFinal((this.purpose + ":" + subject + ":" + expiry).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
