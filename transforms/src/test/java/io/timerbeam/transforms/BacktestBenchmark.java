package io.timerbeam.transforms;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Backtest series-windows/s next to forecast series/s on the same generated data and runner (the
 * issue's goal: at least 0.9x, i.e. scoring costs under a tenth of forecasting). Not a test: run
 * it by hand like {@link ForecastBenchmark}. Arguments: runner (direct|flink) series points horizon windows.
 */
public final class BacktestBenchmark {
  private static final int BATCH_SIZE = 256;

  public static void main(String[] args) {
    String runner = args.length > 0 ? args[0] : "direct";
    int series = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int points = args.length > 2 ? Integer.parseInt(args[2]) : 512;
    int horizon = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    int windows = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    TimerForecast.Forecasts forecast = TimerForecast.forecasts()
        .withIdColumns("series").withTimestampColumn("ts").withValueColumn("value")
        .withHorizon(horizon).withBatchSize(BATCH_SIZE).withModel(ModelFixture.TINY);

    // A first forecast run warms the JVM and loads the shared engine, so that neither timed run pays for it.
    run(runner, series, points, input -> input.apply(forecast).forecasts());
    double forecastSeconds = run(runner, series, points, input -> input.apply(forecast).forecasts());
    System.out.printf("forecast (%s): %d series x %d points, horizon %d: %.1f s, %.1f series/s%n",
        runner, series, points, horizon, forecastSeconds, series / forecastSeconds);
    double backtestSeconds = run(runner, series, points, input -> input.apply(forecast.backtest().withWindows(windows)).metrics());
    double rate = (double) series * windows / backtestSeconds;
    System.out.printf("backtest (%s): %d series x %d windows: %.1f s, %.1f series-windows/s = %.2fx forecast's series/s%n",
        runner, series, windows, backtestSeconds, rate, rate / (series / forecastSeconds));
  }

  private static double run(String runner, int series, int points,
      java.util.function.Function<PCollection<Row>, PCollection<Row>> transform) {
    Pipeline pipeline = Pipeline.create(ForecastBenchmark.options(runner));
    PCollection<Row> input = pipeline
        .apply(GenerateSequence.from(0).to(series))
        .apply(org.apache.beam.sdk.transforms.ParDo.of(new ForecastBenchmark.PointsOf(points)))
        .setRowSchema(SeriesRows.SCHEMA);
    transform.apply(input).apply(Count.globally());
    long start = System.nanoTime();
    pipeline.run().waitUntilFinish();
    return (System.nanoTime() - start) / 1e9;
  }
}
