package dev.ridertrack.tracking.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After signing in, the operator goes back to the page that sent them ({@code next}),
 * never to another site.
 */
class LoginRedirectTests {

	@Test
	void returnsToAPageOfThisSite() {
		assertThat(PagesController.isLocalPath("/kafka")).isTrue();
		assertThat(PagesController.isLocalPath("/kafka#groups/db-writer")).isTrue();
		assertThat(PagesController.isLocalPath("/track/order-1?token=abc")).isTrue();
	}

	@Test
	void refusesAnotherSiteOrAnythingThatIsNotAPath() {
		assertThat(PagesController.isLocalPath(null)).isFalse();
		assertThat(PagesController.isLocalPath("")).isFalse();
		assertThat(PagesController.isLocalPath("kafka")).isFalse();
		assertThat(PagesController.isLocalPath("//evil.example/kafka")).isFalse();
		assertThat(PagesController.isLocalPath("/\\evil.example")).isFalse();
		assertThat(PagesController.isLocalPath("https://evil.example/")).isFalse();
		assertThat(PagesController.isLocalPath("/kafka\r\nSet-Cookie: x=1")).isFalse();
		assertThat(PagesController.isLocalPath("/" + "a".repeat(600))).isFalse();
	}

}
