package io.timerbeam.transforms.evaluation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import io.timerbeam.model.series.Frequency;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * Reproduces a published seasonal-naive accuracy table with this package's windows, baseline
 * and metrics.
 *
 * <p>Source: "Benchmark Forecasts in R: Naive, Seasonal Naive, and Drift", section "Why does
 * every forecast need a benchmark?" (selva86.github.io, R 4.6.0 with the forecast package),
 * https://raw.githubusercontent.com/selva86/selva86.github.io/master/Benchmark-Forecasts-in-R.html:
 * {@code snaive(window(AirPassengers, end = c(1958, 12)), h = 24)} scored by
 * {@code accuracy(fc, window(AirPassengers, start = c(1959, 1)))}, rounded to 2 decimals:
 * Training set RMSE 32.51, MAE 28.57, MAPE 11.41; Test set RMSE 76.99, MAE 71.25, MAPE 15.52.
 * The training-set MAE is the seasonal-naive in-sample error, i.e. the MASE scale.
 *
 * <p>Data: R's AirPassengers (Box and Jenkins' monthly airline passengers 1949-1960, in
 * thousands), copied from examples/data/r-datasets.csv into test resources.
 */
public class PublishedBaselineTest {
  /** The published figures have 2 decimals: ours must round to them. */
  private static final double PUBLISHED_PRECISION = 0.005;
  private static final LocalDate FIRST_MONTH = LocalDate.of(1949, 1, 1);

  @Test
  public void seasonalNaiveOnAirPassengersMatchesThePublishedTable() throws IOException {
    double[] passengers = airPassengers();
    assertEquals(144, passengers.length);
    // One window of 24 months: the actuals are 1959-1960, the cutoff is 1958-12.
    List<BacktestWindow> windows = RollingWindows.of(24, 512).split(passengers,
        i -> FIRST_MONTH.plusMonths(i).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
    BacktestWindow window = windows.get(0);
    assertFalse(window.failed());
    assertEquals(LocalDate.of(1958, 12, 1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli(), window.cutoffMillis());

    int season = Seasonality.of(Frequency.parse("month"));
    double scale = SeasonalNaive.scale(window.history(), season);
    double[] forecast = SeasonalNaive.forecast(window.context(), season, 24);
    WindowMetrics test = WindowMetrics.score(window.actuals(), WindowForecast.point(forecast), scale);
    assertEquals(76.99, test.get(Metric.RMSE), PUBLISHED_PRECISION);
    assertEquals(71.25, test.get(Metric.MAE), PUBLISHED_PRECISION);
    assertEquals(15.52, test.get(Metric.MAPE), PUBLISHED_PRECISION);

    // The training-set row: the in-sample seasonal-naive errors x_t - x_{t-12} of 1950-1958.
    double[] history = window.history();
    WindowMetrics training = WindowMetrics.score(Arrays.copyOfRange(history, season, history.length),
        WindowForecast.point(Arrays.copyOf(history, history.length - season)), scale);
    assertEquals(32.51, training.get(Metric.RMSE), PUBLISHED_PRECISION);
    assertEquals(28.57, training.get(Metric.MAE), PUBLISHED_PRECISION);
    assertEquals(11.41, training.get(Metric.MAPE), PUBLISHED_PRECISION);
    assertEquals(28.57, scale, PUBLISHED_PRECISION);
    // MASE is test MAE / training MAE (forecast::accuracy scales seasonal data the same way).
    assertEquals(test.get(Metric.MAE) / scale, test.get(Metric.MASE), 1e-12);
  }

  private static double[] airPassengers() throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        PublishedBaselineTest.class.getResourceAsStream("/evaluation/AirPassengers.csv"), StandardCharsets.UTF_8))) {
      List<String> lines = in.lines().skip(1).collect(Collectors.toList());
      for (int i = 0; i < lines.size(); i++) {
        // Rows must be the consecutive months from 1949-01, as the split above assumes.
        assertEquals("AirPassengers.csv:" + (i + 2), FIRST_MONTH.plusMonths(i).toString(), lines.get(i).split(",")[0]);
      }
      return lines.stream().mapToDouble(line -> Double.parseDouble(line.split(",")[1])).toArray();
    }
  }
}
