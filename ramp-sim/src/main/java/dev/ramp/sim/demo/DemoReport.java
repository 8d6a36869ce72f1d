package dev.ramp.sim.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A self-contained HTML page (inline SVG, nothing fetched) with, for each release, the new
 * version's weight and actual share of requests over time, and its error rate next to the
 * previous version's.
 */
final class DemoReport {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 180;
  private static final int PAD = 40;

  private DemoReport() {}

  static void write(Path file, List<Release> releases) {
    StringBuilder html = new StringBuilder("""
        <!doctype html>
        <html><head><meta charset="utf-8"><title>Ramp demo</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:2em;color:#222}
        h2{margin-top:2em} .legend span{margin-right:1.5em}
        svg{background:#fafafa;border:1px solid #ddd} text{font-size:11px;fill:#555}
        </style></head><body>
        <h1>Ramp demo</h1>
        """);
    for (Release release : releases) {
      html.append("<h2>").append(escape(release.name)).append(": ")
          .append(release.outcome == null ? "-" : release.outcome.name().toLowerCase()
              .replace('_', ' '))
          .append(" after ").append(release.took.toSeconds()).append("s</h2>\n");
      html.append(String.format(Locale.ROOT, "<p>%s. The new version served %,d requests"
              + " (%.1f%% of all during the release), %,d failed.%s</p>%n",
          escape(release.image), release.newRequests, release.newShare(), release.newFailures,
          release.note.isEmpty() ? "" : " Stopped by: " + escape(release.note) + "."));
      if (release.samples.size() > 1) {
        html.append(chart(release, "Traffic to the new version (%)", 100,
            new Series("weight set by Ramp", "#1f77b4", Release.Sample::weight),
            new Series("share of requests", "#ff7f0e", Release.Sample::share)));
        double top = Math.max(5, release.samples.stream()
            .mapToDouble(s -> Math.max(s.newErrorRate(), s.oldErrorRate())).max().orElse(5));
        html.append(chart(release, "Error rate (%)", Math.ceil(top),
            new Series("new version", "#d62728", Release.Sample::newErrorRate),
            new Series("previous version", "#2ca02c", Release.Sample::oldErrorRate)));
      }
    }
    html.append("</body></html>\n");
    try {
      Files.writeString(file, html);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + file, e);
    }
  }

  private record Series(String label, String color, ToDoubleFunction<Release.Sample> value) {}

  private static String chart(Release release, String title, double top, Series... series) {
    List<Release.Sample> samples = release.samples;
    double end = Math.max(1, samples.get(samples.size() - 1).seconds());
    StringBuilder svg = new StringBuilder();
    svg.append("<h3>").append(title).append("</h3>\n<p class=\"legend\">");
    for (Series s : series) {
      svg.append("<span style=\"color:").append(s.color()).append("\">&#9644; ")
          .append(s.label()).append("</span>");
    }
    svg.append(String.format(Locale.ROOT,
        "</p>%n<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n",
        WIDTH, HEIGHT, WIDTH, HEIGHT));
    int plotW = WIDTH - 2 * PAD;
    int plotH = HEIGHT - 2 * PAD;
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
        + " stroke=\"#999\"/>%n", PAD, HEIGHT - PAD, WIDTH - PAD, HEIGHT - PAD));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
        + " stroke=\"#999\"/>%n", PAD, PAD, PAD, HEIGHT - PAD));
    svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%.0f</text>"
        + "<text x=\"4\" y=\"%d\">0</text>%n", PAD + 4, top, HEIGHT - PAD));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.0fs</text>%n",
        WIDTH - PAD - 10, HEIGHT - PAD + 16, end));
    for (Series s : series) {
      svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(s.color())
          .append("\" points=\"");
      for (Release.Sample sample : samples) {
        double x = PAD + plotW * sample.seconds() / end;
        double y = HEIGHT - PAD - plotH * Math.min(top, s.value().applyAsDouble(sample)) / top;
        svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      svg.append("\"/>\n");
    }
    return svg.append("</svg>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
