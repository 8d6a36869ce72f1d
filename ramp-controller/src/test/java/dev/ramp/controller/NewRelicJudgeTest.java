package dev.ramp.controller;

import dev.ramp.api.analysis.CompareMetric;
import java.util.Map;

/** The judge on New Relic counts ({@link NewRelicCounts}), key and account in the profile. */
class NewRelicJudgeTest extends CountingProviderJudgeTest {
  @Override
  Counts startCounts() {
    return new NewRelicCounts();
  }

  @Override
  Map<String, String> secret(Counts counts) {
    return Map.of("personal-api-key", NewRelicCounts.API_KEY,
        "account-id", String.valueOf(NewRelicCounts.ACCOUNT),
        "base-url-nerdgraph", ((NewRelicCounts) counts).url());
  }

  @Override
  void counters(CompareMetric compare, String secret) {
    compare.newRelic = new CompareMetric.NewRelicCounters();
    compare.newRelic.events = "FROM Transaction SELECT count(*) WHERE error IS true AND"
        + " revision = '{{revision}}'";
    compare.newRelic.requests = "FROM Transaction SELECT count(*) WHERE revision ="
        + " '{{revision}}'";
    compare.newRelic.profile = secret;
  }

  @Override
  String name() {
    return "nr";
  }
}
