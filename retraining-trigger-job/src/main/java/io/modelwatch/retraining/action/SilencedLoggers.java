package io.modelwatch.retraining.action;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * JDK and library trace loggers that print request headers, URLs or protocol exchanges verbatim
 * (Authorization values, SigV4 signatures, a Slack URL, an SMTP login) whenever someone turns
 * on debug logging for all loggers. They are switched off for good: our own details say what
 * happened without quoting a request. The loggers are held strongly, or java.util.logging would
 * forget their level.
 */
final class SilencedLoggers {
    private static final List<Logger> SILENCED = Stream.of(
                    // JDK HttpClient (HTTP targets): full URLs and, for HTTP/2, header values.
                    "jdk.internal.httpclient.debug", "jdk.internal.httpclient.hpack.debug",
                    // JDK HttpURLConnection (the AWS SDK's URLConnection client): every request header at FINE.
                    "sun.net.www.protocol.http.HttpURLConnection",
                    // Angus Mail: the SMTP login name at FINE, every server reply (which may quote AUTH) at FINEST.
                    "org.eclipse.angus.mail.smtp", "org.eclipse.angus.mail.smtp.protocol")
            .map(Logger::getLogger)
            .toList();

    static {
        SILENCED.forEach(logger -> logger.setLevel(Level.OFF));
    }

    private SilencedLoggers() {}

    /** Makes sure the loggers are off before the first request; idempotent. */
    static void ensure() {
        // The static initializer did the work.
    }
}
