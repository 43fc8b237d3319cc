package io.modelwatch.retraining.action;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * A URL as it may be printed: credentials embedded in it ({@code https://user:password@host/...})
 * become {@value Secret#MASK}. Every message, preview or {@code toString()} that shows a URL goes
 * through here. When an {@code @} appears anywhere but after a well-formed user info (a malformed
 * URL, a password with an unencoded {@code /}, {@code ?} or {@code #}), everything between
 * {@code ://} (or the start) and the last {@code @} is masked: sometimes more than needed, never less.
 */
public final class RedactedUrl {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");

    private RedactedUrl() {}

    public static String of(URI url) {
        return url == null ? "null" : of(url.toString());
    }

    public static String of(String url) {
        if (url == null) {
            return "null";
        }
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        var scheme = SCHEME.matcher(url);
        int start = scheme.find() ? scheme.end() : 0;
        return at < start ? url : url.substring(0, start) + Secret.MASK + url.substring(at);
    }
}
