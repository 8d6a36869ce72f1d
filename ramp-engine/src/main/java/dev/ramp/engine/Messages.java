package dev.ramp.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Messages kept to a readable size. A spec may hold megabytes of text, and a message that quotes
 * it is copied into the status (three times), an Event and a log line: each problem is cut in
 * the middle, where a long quoted value sits, keeping the field name in front and the reason at
 * the end.
 */
public final class Messages {
  public static final int PROBLEM_CHARS = 400;
  static final int PROBLEMS = 5;
  private static final String CUT = " … ";

  private Messages() {}

  /** The text itself when it has at most {@code max} characters; else its start and end. */
  public static String shorten(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    String gap = CUT + "(" + (text.length() - max) + " characters left out)" + CUT;
    int tail = max / 3;
    int head = Math.max(0, max - tail - gap.length());
    return text.substring(0, head) + gap + text.substring(text.length() - tail);
  }

  /** The first few problems, each shortened, and how many more there are. */
  public static List<String> bounded(List<String> problems) {
    List<String> kept = new ArrayList<>();
    for (String problem : problems.subList(0, Math.min(PROBLEMS, problems.size()))) {
      kept.add(shorten(problem, PROBLEM_CHARS));
    }
    if (problems.size() > PROBLEMS) {
      kept.add("and " + (problems.size() - PROBLEMS) + " more problems");
    }
    return kept;
  }
}
