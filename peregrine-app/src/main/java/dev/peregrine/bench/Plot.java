package dev.peregrine.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/** Draws the two cost curves side by side into a PNG, headless. */
public final class Plot {
  private static final int W = 1200;
  private static final int H = 480;
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728),
      new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd)};

  private Plot() {}

  /** Writes the plot of {@code report}'s curves to {@code file}. */
  public static void write(BenchReport report, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    panel(g, 0, "Cost per event vs event size", "median event size in bucket (KB)",
        report.bySize());
    panel(g, W / 2, "Cost per event vs number of rules", "rules", report.byRules());
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }

  private static void panel(Graphics2D g, int x0, String title, String xLabel,
      List<BenchReport.Point> points) {
    int left = x0 + 70;
    int right = x0 + W / 2 - 20;
    int top = 50;
    int bottom = H - 60;
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, left, 25);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawLine(left, bottom, right, bottom);
    g.drawLine(left, top, left, bottom);
    g.drawString(xLabel, (left + right) / 2 - 60, H - 20);
    g.drawString("µs / event", x0 + 5, top - 10);
    double maxX = points.stream().mapToDouble(BenchReport.Point::x).max().orElse(1);
    double maxY = points.stream().mapToDouble(BenchReport.Point::nsPerEvent).max().orElse(1);
    maxX = maxX <= 0 ? 1 : maxX * 1.05;
    maxY = maxY * 1.1 / 1000;
    for (int i = 0; i <= 5; i++) {
      int y = bottom - (bottom - top) * i / 5;
      g.setColor(new Color(0xdddddd));
      g.drawLine(left + 1, y, right, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.1f", maxY * i / 5), x0 + 20, y + 4);
      int x = left + (right - left) * i / 5;
      g.drawString(String.format(Locale.ROOT, "%.0f", maxX * i / 5), x - 8, bottom + 16);
    }
    Map<String, List<BenchReport.Point>> series = new LinkedHashMap<>();
    points.forEach(p -> series.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(p));
    int s = 0;
    for (Map.Entry<String, List<BenchReport.Point>> e : series.entrySet()) {
      g.setColor(COLORS[s % COLORS.length]);
      g.setStroke(new BasicStroke(2));
      List<BenchReport.Point> ps = e.getValue();
      boolean flat = ps.size() == 1;
      int px = -1;
      int py = -1;
      for (BenchReport.Point p : ps) {
        int x = left + (int) ((right - left) * p.x() / maxX);
        int y = bottom - (int) ((bottom - top) * (p.nsPerEvent() / 1000) / maxY);
        if (flat) {
          g.drawLine(left, y, right, y);
        }
        g.fillOval(x - 3, y - 3, 7, 7);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
      g.drawString(e.getKey() + (flat ? " (flat)" : ""), left + 15, top + 15 + 16 * s);
      s++;
    }
  }
}
