package io.modelwatch.cli.timeline;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.WriterOutput;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The timeline as one self-contained HTML page: inline CSS, inline SVG charts, the timeline's JSON
 * as an inert data element, and one inline script that opens a window's full report from that data.
 * As for the drift report, the content security policy allows no network access at all and runs
 * only that script, by its hash; every name and label is escaped by the templates.
 */
public final class TimelineHtml {
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
    private static final String TEMPLATE = "timeline/page.jte";
    private static final InlineScript SCRIPT = InlineScript.load(TimelineHtml.class, "timeline.js");

    private TimelineHtml() {}

    public static void write(TimelineReport report, Writer out) {
        List<TimelineSection> sections = new ArrayList<>();
        for (Timeline timeline : report.timelines()) {
            sections.add(TimelineSection.of(sections.size(), timeline));
        }
        TEMPLATES.render(TEMPLATE, Map.of("report", report, "sections", sections, "data", TimelineJson.forHtml(report),
                "script", SCRIPT.text(), "scriptHash", SCRIPT.hash()), new WriterOutput(out));
    }
}
