package io.modelwatch.retraining.action;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything logged at any level, through SLF4J/Log4j (our code, the AWS SDK) and java.util.logging
 * (Angus Mail), while open. The local test servers' own logs are left out: they see the secrets by design.
 */
final class CapturedLogs implements AutoCloseable {
    private static final List<String> SERVER_LOGGERS = List.of("com.icegreen", "mockwebserver3", "okhttp3");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final LoggerConfig root = context.getConfiguration().getRootLogger();
    private final Level previousLevel = root.getLevel();
    private final Map<String, Appender> previousAppenders = Map.copyOf(root.getAppenders());
    private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    private final java.util.logging.Level previousJulLevel = julRoot.getLevel();
    private final Appender appender;
    private final Handler handler;

    CapturedLogs() {
        appender = new AbstractAppender("captured", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                record(event.getLoggerName(), event.getMessage().getFormattedMessage(), event.getThrown());
            }
        };
        appender.start();
        previousAppenders.keySet().forEach(root::removeAppender);
        root.addAppender(appender, Level.ALL, null);
        root.setLevel(Level.ALL);
        context.updateLoggers();

        handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                String message = r.getParameters() == null ? r.getMessage()
                        : java.text.MessageFormat.format(r.getMessage(), r.getParameters());
                record(r.getLoggerName(), message, r.getThrown());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        handler.setLevel(java.util.logging.Level.ALL);
        julRoot.addHandler(handler);
        julRoot.setLevel(java.util.logging.Level.ALL);
    }

    private void record(String logger, String message, Throwable thrown) {
        String name = logger == null ? "" : logger;
        if (SERVER_LOGGERS.stream().anyMatch(name::startsWith)) {
            return;
        }
        StringBuilder line = new StringBuilder(name).append(": ").append(message);
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.removeAppender("captured");
        previousAppenders.values().forEach(a -> root.addAppender(a, null, null));
        root.setLevel(previousLevel);
        context.updateLoggers();
        appender.stop();
        julRoot.removeHandler(handler);
        julRoot.setLevel(previousJulLevel);
    }
}
