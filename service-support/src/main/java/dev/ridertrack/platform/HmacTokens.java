package dev.ridertrack.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless bearer tokens: a token is the HMAC-SHA256 of a purpose and a subject (a rider
 * id, an order id) under a server secret. Whoever holds the secret can mint and check
 * tokens, so no token store is needed; a token for one subject or purpose is worth
 * nothing for another.
 */
public final class HmacTokens {

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	private final String purpose;

	/**
	 * Tokens for one purpose.
	 * @param secret the server secret, at least 16 characters
	 * @param purpose what the tokens are for, such as {@code rider} or {@code order}, so
	 * a rider token never opens an order
	 */
	public HmacTokens(String secret, String purpose) {
		if (secret == null || secret.length() < 16) {
			throw new IllegalArgumentException("the token secret must be at least 16 characters");
		}
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
		this.purpose = purpose;
	}

	/**
	 * The token for a subject.
	 * @param subject the rider or order id
	 * @return a URL-safe token
	 */
	public String mint(String subject) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(subject));
	}

	/**
	 * Whether a token was minted for this subject, compared in constant time.
	 * @param subject the rider or order id the caller claims
	 * @param token the token the caller presented, may be {@code null}
	 * @return {@code true} if the token is the subject's
	 */
	public boolean verify(String subject, String token) {
		if (subject == null || token == null) {
			return false;
		}
		byte[] presented;
		try {
			presented = Base64.getUrlDecoder().decode(token);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(mac(subject), presented);
	}

	private byte[] mac(String subject) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac.doFinal((this.purpose + ":" + subject).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
