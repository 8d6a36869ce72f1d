package dev.ramp.cli.get;

import java.io.PrintWriter;

/**
 * Shows a frame that changes over time. On a terminal it is redrawn in place: the whole frame is
 * written over the previous one from the top left and the rest of the screen is cleared, so that
 * nothing flickers or scrolls. Elsewhere (a file, a pipe) a frame is printed only when what it
 * shows changed, not its ages.
 */
final class LiveOutput {
  private static final String CLEAR_SCREEN = "\033[2J";
  private static final String HOME = "\033[H";
  private static final String CLEAR_LINE_END = "\033[K";
  private static final String CLEAR_BELOW = "\033[J";

  private final PrintWriter out;
  private final boolean inPlace;
  private Object shownContent;
  private String shownFrame;

  LiveOutput(PrintWriter out, boolean inPlace) {
    this.out = out;
    this.inPlace = inPlace;
  }

  /**
   * @param content what the frame shows, compared with equals
   * @param frame the text, with a newline at the end of each line
   */
  void show(Object content, String frame) {
    if (inPlace) {
      if (frame.equals(shownFrame)) {
        return;
      }
      StringBuilder screen = new StringBuilder(shownFrame == null ? CLEAR_SCREEN + HOME : HOME);
      frame.lines().forEach(line -> screen.append(line).append(CLEAR_LINE_END).append('\n'));
      out.print(screen.append(CLEAR_BELOW));
    } else {
      if (content.equals(shownContent)) {
        return;
      }
      if (shownContent != null) {
        out.println();
      }
      out.print(frame);
    }
    out.flush();
    shownContent = content;
    shownFrame = frame;
  }
}
