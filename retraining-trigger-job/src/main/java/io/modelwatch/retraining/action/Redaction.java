package io.modelwatch.retraining.action;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes text that came back from a target safe to quote in a detail, a log line or an audit record.
 * A target may echo the request (a debugging proxy, a misconfigured endpoint, an error page quoting
 * headers), and the request carried credentials. So before any of the text is kept:
 * <ol>
 *   <li>every occurrence of a secret value the request used (in the forms it may come back in:
 *       as sent, JSON-escaped, URL-encoded, base64) becomes {@value Secret#MASK};</li>
 *   <li>anything shaped like a credential is masked whatever its value: {@code Authorization: ...}
 *       and other credential header lines, {@code "password": "..."} and similar JSON fields,
 *       {@code token=...} parameters, {@code Bearer ...}/{@code Basic ...} tokens, SigV4
 *       {@code Credential=}/{@code Signature=}, and {@code user:password@} in URLs;</li>
 *   <li>{@link #excerpt} then keeps it to one bounded line with control characters escaped, so a
 *       response cannot forge log lines or hide text with terminal escapes.</li>
 * </ol>
 * Immutable and thread-safe.
 */
final class Redaction {
    static final int MAX_EXCERPT = 200;

    private static final String CREDENTIAL_WORD =
            "(?:authorization|password|passwd|secret|token|signature|credential|api[_-]?key|cookie)";
    /** "Authorization: Basic ...", "webhook-signature: v1,...", "Set-Cookie: ..." up to the end of the line. */
    private static final Pattern HEADER_LINE = Pattern.compile(
            "(?im)^([ \\t]*[a-z0-9_-]*" + CREDENTIAL_WORD + "[a-z0-9_-]*[ \\t]*:)[^\\r\\n]*");
    /** "password": "...", "Authorization": "Bearer ..." in JSON. */
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(?i)(\"[a-z0-9_-]*" + CREDENTIAL_WORD + "[a-z0-9_-]*\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
    /** The same in JSON that is itself inside a JSON string: \"password\": \"a\\\"b\". */
    private static final Pattern ESCAPED_JSON_FIELD = Pattern.compile(
            "(?i)(\\\\\"[a-z0-9_-]*" + CREDENTIAL_WORD + "[a-z0-9_-]*\\\\\"\\s*:\\s*)\\\\\"(?:[^\"\\\\]|\\\\\\\\\\\\\"|\\\\\\\\\\\\\\\\|\\\\[^\"\\\\])*\\\\\"");
    /** token=..., X-Amz-Signature=..., Credential=AKIA.../... in query strings, form bodies and SigV4 headers. */
    private static final Pattern PARAMETER = Pattern.compile(
            "(?i)(\\b[a-z0-9_-]*" + CREDENTIAL_WORD + "[a-z0-9_-]*=)[^&\\s\"',;]*");
    /** The credential after an HTTP authentication scheme. */
    private static final Pattern SCHEME_TOKEN = Pattern.compile(
            "(?i)\\b(bearer|basic|digest|AWS4-HMAC-SHA256)\\s+[A-Za-z0-9._~+/=-]{6,}");
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@\"'<>]*@");
    private static final Pattern CREDENTIAL_NAME = Pattern.compile(CREDENTIAL_WORD, Pattern.CASE_INSENSITIVE);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final Redaction NONE = new Redaction(List.of());

    /** Longest first, so a secret that contains another is masked whole. */
    private final List<String> values;

    private Redaction(List<String> values) {
        this.values = values;
    }

    static Redaction none() {
        return NONE;
    }

    /** Redacts the given secret values and the forms they travel in; blank values are ignored. */
    static Redaction of(Collection<String> secrets) {
        return NONE.with(secrets);
    }

    /** This redaction and the given secrets too. */
    Redaction with(Collection<String> secrets) {
        Set<String> all = new LinkedHashSet<>(values);
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                all.addAll(forms(secret));
            }
        }
        all.removeIf(String::isEmpty);
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Redaction(List.copyOf(sorted));
    }

    /**
     * The secrets a request carries by itself: its credential headers (Authorization and the like,
     * with the credential after the scheme, and for Basic the decoded user and password), the
     * signature after {@code v1,} and credentials embedded in its URL.
     */
    Redaction withRequest(String url, Map<String, String> headers) {
        List<String> found = new ArrayList<>(userInfo(url));
        headers.forEach((name, value) -> {
            if (value != null && CREDENTIAL_NAME.matcher(name).find()) {
                found.add(value);
                int space = value.indexOf(' ');
                String credential = space < 0 ? value : value.substring(space + 1).strip();
                found.add(credential);
                if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
                    found.addAll(decodedBasic(credential));
                }
                // SigV4's "Credential=KEYID/date/..., Signature=...", a signature after "v1,".
                for (String part : value.split("[ ,]+")) {
                    int equals = part.indexOf('=');
                    String piece = equals < 0 ? part : part.substring(equals + 1);
                    if (piece.length() >= 8) {
                        found.add(piece);
                        int slash = piece.indexOf('/');
                        if (slash >= 8) {
                            found.add(piece.substring(0, slash));
                        }
                    }
                }
            }
        });
        return with(found);
    }

    /** The text with every secret value and credential-shaped piece masked; line structure kept. */
    String apply(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String result = text;
        for (String value : values) {
            result = result.replace(value, Secret.MASK);
        }
        result = HEADER_LINE.matcher(result).replaceAll("$1 " + Secret.MASK);
        result = JSON_FIELD.matcher(result).replaceAll("$1\"" + Secret.MASK + "\"");
        result = ESCAPED_JSON_FIELD.matcher(result).replaceAll("$1\\\\\"" + Secret.MASK + "\\\\\"");
        result = PARAMETER.matcher(result).replaceAll("$1" + Secret.MASK);
        result = SCHEME_TOKEN.matcher(result).replaceAll("$1 " + Secret.MASK);
        result = URL_USER_INFO.matcher(result).replaceAll("$1" + Secret.MASK + "@");
        return result;
    }

    /** {@link #apply Redacted}, on one line, at most {@value #MAX_EXCERPT} characters, control characters escaped. */
    String excerpt(String text) {
        String line = WHITESPACE.matcher(apply(text)).replaceAll(" ").strip();
        boolean cut = line.codePointCount(0, line.length()) > MAX_EXCERPT;
        if (cut) {
            line = line.substring(0, line.offsetByCodePoints(0, MAX_EXCERPT));
        }
        return escapeControls(line) + (cut ? "…" : "");
    }

    /** Control, format (e.g. bidi overrides), separator and private-use characters as backslash-u escapes. */
    static String escapeControls(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (Character.getType(c)) {
                case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                        Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> {
                    if (c > 0xFFFF) {
                        for (char unit : Character.toChars(c)) {
                            out.append(String.format(Locale.ROOT, "\\u%04x", (int) unit));
                        }
                    } else {
                        out.append(String.format(Locale.ROOT, "\\u%04x", c));
                    }
                }
                default -> out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** A secret as sent and in the encodings it may be echoed in; a URL also by its path and user info. */
    private static List<String> forms(String secret) {
        List<String> forms = new ArrayList<>();
        forms.add(secret);
        forms.add(jsonEscaped(secret));
        // JSON quoted inside JSON (an echo of a JSON body, as a JSON string).
        forms.add(jsonEscaped(jsonEscaped(secret)));
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
        forms.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        try {
            URI uri = new URI(secret);
            if (uri.getScheme() != null && uri.getRawAuthority() != null) {
                // An echoed request line carries the path of a URL that is itself the secret (Slack).
                String pathAndQuery = (uri.getRawPath() == null ? "" : uri.getRawPath())
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                if (pathAndQuery.length() > 1) {
                    forms.add(pathAndQuery);
                    forms.add(URLDecoder.decode(pathAndQuery, StandardCharsets.UTF_8));
                }
                forms.addAll(userInfo(secret));
            }
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            // Not a URL: the value itself is redacted.
        }
        return forms;
    }

    /** The user info of a URL, raw and decoded, and its user and password apart. */
    static List<String> userInfo(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getRawUserInfo() == null) {
                return List.of();
            }
            List<String> parts = new ArrayList<>(List.of(uri.getRawUserInfo(), uri.getUserInfo()));
            for (String info : List.of(uri.getRawUserInfo(), uri.getUserInfo())) {
                int colon = info.indexOf(':');
                if (colon >= 0) {
                    parts.add(info.substring(0, colon));
                    parts.add(info.substring(colon + 1));
                }
            }
            return parts;
        } catch (java.net.URISyntaxException e) {
            return List.of();
        }
    }

    private static List<String> decodedBasic(String credential) {
        try {
            String pair = new String(Base64.getDecoder().decode(credential.strip()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? List.of(pair) : List.of(pair, pair.substring(0, colon), pair.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private static String jsonEscaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '/' -> out.append('/');
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
