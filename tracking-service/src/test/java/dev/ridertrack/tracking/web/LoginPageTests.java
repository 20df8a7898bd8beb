package dev.ridertrack.tracking.web;

import java.time.Duration;

import dev.ridertrack.tracking.SecurityProperties;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in page gives a newcomer on the development stack the token, and nobody else a
 * hint about it.
 */
class LoginPageTests {

	@Test
	void saysTheDevelopmentTokenInTheLocalProfile() {
		String page = page(true).loginPage().getBody();
		assertThat(page).contains("Development stack: the operator token is <code>dev-operator</code>");
	}

	@Test
	void saysNothingAboutTheTokenInAnyOtherProfile() {
		String page = page(false).loginPage().getBody();
		assertThat(page).doesNotContain("dev-operator").doesNotContain("Development stack").doesNotContain("<!--");
		assertThat(page(false).loginPage().getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void escapesTheTokenItShows() {
		SecurityProperties security = new SecurityProperties("a-test-secret-of-some-length", null, "<b>x</b>",
				Duration.ofHours(24), session(), true);
		assertThat(new PagesController(null, null, null, security, new MapProperties("", "")).loginPage().getBody())
			.contains("&lt;b&gt;x&lt;/b&gt;")
			.doesNotContain("<b>x</b>");
	}

	private static PagesController page(boolean local) {
		SecurityProperties security = new SecurityProperties("a-test-secret-of-some-length", null, "dev-operator",
				Duration.ofHours(24), session(), local);
		return new PagesController(null, null, null, security, new MapProperties("", ""));
	}

	private static SecurityProperties.Session session() {
		return new SecurityProperties.Session(Duration.ofHours(8), 3, Duration.ofSeconds(1), Duration.ofMinutes(5));
	}

}
