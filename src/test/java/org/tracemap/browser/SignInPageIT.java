package org.tracemap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.tracemap.web.Authenticator;
import org.tracemap.web.Role;

/** Signing in from the header of any page: a wrong token is refused there, the cookie is out of scripts' reach. */
class SignInPageIT extends BrowserSupport {

    @Test
    void aWrongTokenIsRefusedAtOnceAndARightOneNamesTheUserAndRole() {
        String token = new Authenticator(server.tracemap().tokens()).addUser("rita", Role.RESEARCHER);
        open("/submit");
        WebElement input = waitFor(By.id("token-input"));
        input.sendKeys("not-a-token");
        input.submit();
        waitUntilText(By.id("token-hint"), "not valid");
        assertThat(browser.findElements(By.id("signed-in-as"))).isEmpty();

        signIn(token);
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("Signed in as rita (researcher)");
        Cookie session = browser.manage().getCookieNamed("tracemap_session");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(script("return document.cookie")).isEqualTo("");
        screenshot("sign-in");

        // The session survives a reload (the cookie, not page memory) and ends with Sign out.
        open("/submit");
        waitFor(By.id("signed-in-as"));
        browser.findElement(By.id("sign-out")).click();
        waitFor(By.id("token-input"));
        open("/submit");
        waitFor(By.id("token-input"));
        assertNoConsoleErrors("/api/session");
    }
}
