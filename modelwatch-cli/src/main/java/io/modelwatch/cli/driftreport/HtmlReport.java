package io.modelwatch.cli.driftreport;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.WriterOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The report as one self-contained HTML page: inline CSS, inline SVG charts and one inline script
 * that sorts the feature table. The page's content security policy allows no network access at all
 * and runs only that script (by its hash), so even markup that slipped past escaping could not load
 * or run anything.
 */
public final class HtmlReport {
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
    private static final String TEMPLATE = "driftreport/page.jte";
    private static final String SCRIPT = resource("sortable-tables.js");
    private static final String SCRIPT_HASH = "sha256-" + Base64.getEncoder().encodeToString(sha256(SCRIPT));

    private HtmlReport() {}

    public static void write(ReportModel report, Writer out) {
        TEMPLATES.render(TEMPLATE, Map.of("report", report, "script", SCRIPT, "scriptHash", SCRIPT_HASH),
                new WriterOutput(out));
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + HtmlReport.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
