package io.modelwatch.retraining.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void urlsLoseTheirCredentialsAndKeepTheRest() {
        assertThat(RedactedUrl.of("https://user:pa55@airflow.example.com:8080/api?x=1"))
                .isEqualTo("https://****@airflow.example.com:8080/api?x=1");
        assertThat(RedactedUrl.of(URI.create("http://token@hooks.example.com/h"))).isEqualTo("http://****@hooks.example.com/h");
        // An @ elsewhere may end a password with an unencoded / ? or #: rather too much masked than too little.
        assertThat(RedactedUrl.of("https://hooks.example.com/h?mail=a@b.c")).isEqualTo("https://****@b.c");
        assertThat(RedactedUrl.of("https://u:12#ss@host/")).isEqualTo("https://****@host/");
        assertThat(RedactedUrl.of("https://airflow.example.com")).isEqualTo("https://airflow.example.com");
    }

    @Test
    void malformedUrlsAreMaskedUpToTheirLastAt() {
        assertThat(RedactedUrl.of("https://user:pa ss@exa mple.com/x")).isEqualTo("https://****@exa mple.com/x");
        assertThat(RedactedUrl.of("https://user:pa/ss@host/x")).isEqualTo("https://****@host/x");
        assertThat(RedactedUrl.of("user:secret@host")).isEqualTo("****@host");
        assertThat(RedactedUrl.of("not a url")).isEqualTo("not a url");
    }

    @Test
    void everySecretValueAndTheFormsItTravelsInAreMasked() {
        String password = "pa\"ss/word";
        Redaction redaction = Redaction.of(List.of(password));
        String echoed = "got " + password + ", {\"password\":\"pa\\\"ss/word\"} q=" + "pa%22ss%2Fword"
                + " b64=" + Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
        assertThat(redaction.apply(echoed)).doesNotContain("ss/word").doesNotContain("pa%22ss")
                .doesNotContain(Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)))
                .contains("****");
    }

    @Test
    void theRequestsOwnCredentialsAreFoundInItsHeadersAndUrl() {
        String basic = Base64.getEncoder().encodeToString("admin:hunter22".getBytes(StandardCharsets.UTF_8));
        Redaction redaction = Redaction.none().withRequest("https://hook:s3cr3t@example.com/h",
                Map.of("Authorization", "Basic " + basic, "webhook-signature", "v1,c2lnbmF0dXJlLXZhbHVl",
                        "X-Other", "visible"));
        String text = redaction.apply("user admin / hunter22 / " + basic + " / c2lnbmF0dXJlLXZhbHVl / s3cr3t / visible");
        assertThat(text).doesNotContain("hunter22", basic, "c2lnbmF0dXJlLXZhbHVl", "s3cr3t").contains("visible");
    }

    @Test
    void credentialShapedTextIsMaskedWhateverItsValue() {
        Redaction redaction = Redaction.none();
        String echo = "POST /hook HTTP/1.1\r\nAuthorization: Bearer abc.def.ghi\r\nwebhook-signature: v1,xyz\r\n"
                + "Content-Type: application/json\r\n\r\n{\"password\": \"p1\", \"access_token\":\"t2\", \"name\": \"n\"}"
                + " see https://bob:p3@host/x?token=t4&ok=1 Credential=AKIDEXAMPLE/2026/eu/states, Signature=abcdef0123";
        String text = redaction.apply(echo);
        assertThat(text).doesNotContain("abc.def.ghi", "xyz", "p1", "t2", "p3", "t4", "AKIDEXAMPLE", "abcdef0123")
                .contains("Content-Type: application/json", "\"name\": \"n\"", "ok=1", "/hook");
    }

    @Test
    void jsonQuotedInsideJsonIsMaskedToo() {
        // {"password":"a\"b\\c-hidden"} as the value of a JSON string.
        String echo = "{\"request_body\": \"{\\\"username\\\":\\\"bob\\\",\\\"password\\\":"
                + "\\\"a\\\\\\\"b\\\\\\\\c-hidden\\\"}\"}";
        assertThat(echo).contains("c-hidden");
        assertThat(Redaction.none().apply(echo)).doesNotContain("hidden").contains("bob", "\\\"password\\\":\\\"****\\\"");
        String password = "pa\"ss\\word";
        String twiceEscaped = "pa\\\\\\\"ss\\\\\\\\word";
        assertThat(Redaction.of(List.of(password)).apply("x " + twiceEscaped + " y")).isEqualTo("x **** y");
    }

    @Test
    void anExcerptIsOneBoundedLineWithControlCharactersEscaped() {
        Redaction redaction = Redaction.of(List.of("tok"));
        String excerpt = redaction.excerpt("line one\r\nline\ttwo \u001b[31mred\u202e tok " + "x".repeat(500));
        assertThat(excerpt).doesNotContain("\n", "\r", "\t", "\u001b", "\u202e", "tok")
                .startsWith("line one line two \\u001b[31mred\\u202e **** ")
                .endsWith("…");
        assertThat(excerpt.length()).isLessThan(Redaction.MAX_EXCERPT + 20);
    }

    @Test
    void aSecretIsMaskedBeforeTheExcerptIsCut() {
        String secret = "s".repeat(30);
        String excerpt = Redaction.of(List.of(secret)).excerpt("x".repeat(190) + secret);
        assertThat(excerpt).doesNotContain("ssssssssss");
    }
}
