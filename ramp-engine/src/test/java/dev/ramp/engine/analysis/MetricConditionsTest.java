package dev.ramp.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.AnalysisPhase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conditions over the values providers give: numbers of every Java type a JSON reader makes
 * (Integer for a small whole number, Long, Double, BigDecimal), alone, in lists and in maps.
 */
class MetricConditionsTest {

  @Test
  void aWholeNumberInARowIsComparedAsANumber() {
    // New Relic's rows are maps of what Jackson reads: a count of 12 is an Integer
    assertThat(MetricConditions.judge("result.count > 10", null, Map.of("count", 12)).phase())
        .isEqualTo(AnalysisPhase.Successful);
    assertThat(MetricConditions.judge("result.count > 10", null, Map.of("count", 7)).phase())
        .isEqualTo(AnalysisPhase.Failed);
  }

  @Test
  void numbersOfEveryKindCompareWithIntsAndDoubles() {
    for (Object twelve : List.of(12, 12L, (short) 12, 12.0, 12.0f,
        new java.math.BigDecimal("12"), java.math.BigInteger.valueOf(12))) {
      assertThat(MetricConditions.judge("result > 10 && result < 12.5 && result == 12", null,
          twelve).phase()).as("%s (%s)", twelve, twelve.getClass().getSimpleName())
          .isEqualTo(AnalysisPhase.Successful);
    }
  }

  @Test
  void numbersInsideListsAndMapsOfListsAreNumbersToo() {
    Object result = List.of(Map.of("Values", List.of(1, 2, 3), "Label", "errors"));
    assertThat(MetricConditions.judge("result[0].Values.all(v, v <= 3)"
        + " && result[0].Label == 'errors' && size(result[0].Values) == 3", null, result).phase())
        .isEqualTo(AnalysisPhase.Successful);
  }

  @Test
  void nanIsNeitherAboveNorBelowAThreshold() {
    assertThat(MetricConditions.judge("result < 0.01", "result >= 0.01", Double.NaN).phase())
        .isEqualTo(AnalysisPhase.Inconclusive);
  }
}
