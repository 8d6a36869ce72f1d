package dev.ramp.cli;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * What standard output is: a terminal (frames can be redrawn in place) and whether it takes
 * UTF-8 (symbols and box drawing, or their ASCII fallbacks).
 */
public record Terminal(boolean interactive, Charset charset) {
  /** Output captured by a program or a test: no redrawing, plain ASCII. */
  public static final Terminal NONE = new Terminal(false, StandardCharsets.US_ASCII);

  /** The terminal this process writes to, if any. */
  static Terminal detect() {
    // Java 17 writes System.out in this encoding; it follows the locale (LANG, LC_ALL).
    String encoding = System.getProperty("sun.stdout.encoding",
        System.getProperty("file.encoding", Charset.defaultCharset().name()));
    return new Terminal(System.console() != null, Charset.forName(encoding));
  }

  /** True when the output can show UTF-8 symbols. */
  public boolean unicode() {
    return interactive && charset.equals(StandardCharsets.UTF_8);
  }
}
