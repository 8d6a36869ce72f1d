package dev.ramp.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every relative link in README.md and docs/ leads to a file, and an #anchor to a heading in it. */
class DocsLinksTest {
  private static final Path REPOSITORY = Path.of("..");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");

  @Test
  void everyRelativeLinkLeadsToAFileAndHeadingThatExist() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      for (String target : links(page)) {
        String problem = problem(page, target);
        if (problem != null) {
          broken.add(REPOSITORY.relativize(page) + ": " + target + ": " + problem);
        }
      }
    }
    assertThat(broken).as("broken links").isEmpty();
  }

  @Test
  void anchorsAreTheHeadingsAsGitHubNamesThem() {
    assertThat(anchor("kubectl ramp: the command line")).isEqualTo("kubectl-ramp-the-command-line");
    assertThat(anchor("The judge: canary against stable, decided as fast as the evidence allows"))
        .isEqualTo("the-judge-canary-against-stable-decided-as-fast-as-the-evidence-allows");
    assertThat(anchor("`compare` and the judge")).isEqualTo("compare-and-the-judge");
  }

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(REPOSITORY.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(REPOSITORY.resolve("docs"))) {
      docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** Link targets outside code blocks and code spans, where brackets are only code. */
  private static List<String> links(Path page) throws IOException {
    List<String> targets = new ArrayList<>();
    boolean inCodeBlock = false;
    for (String line : Files.readAllLines(page)) {
      if (line.strip().startsWith("```")) {
        inCodeBlock = !inCodeBlock;
      } else if (!inCodeBlock) {
        Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
        while (link.find()) {
          targets.add(link.group(1));
        }
      }
    }
    return targets;
  }

  private static String problem(Path page, String target) throws IOException {
    if (target.matches("[a-z]+:.*")) {
      return null; // a web address, not a file of this repository
    }
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
    if (!Files.exists(linked)) {
      return "no such file";
    }
    if (hash < 0) {
      return null;
    }
    String anchor = target.substring(hash + 1);
    if (!linked.toString().endsWith(".md")) {
      return "an anchor into a file that is not Markdown";
    }
    return anchors(linked).contains(anchor) ? null : "no heading with this anchor";
  }

  private static Set<String> anchors(Path page) throws IOException {
    boolean[] inCodeBlock = {false};
    return Files.readAllLines(page).stream()
        .filter(line -> {
          if (line.strip().startsWith("```")) {
            inCodeBlock[0] = !inCodeBlock[0];
          }
          return !inCodeBlock[0] && line.matches("#{1,6} .*");
        })
        .map(line -> anchor(line.replaceFirst("^#+ ", "")))
        .collect(Collectors.toSet());
  }

  /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
  private static String anchor(String heading) {
    return heading.strip().toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }
}
