/**
 * Beam transforms that forecast, backtest and score series with a Timer model held once per worker JVM.
 *
 * <p>Public: the three transforms ({@link io.timerbeam.transforms.TimerForecast},
 * {@link io.timerbeam.transforms.TimerBacktest}, {@link io.timerbeam.transforms.TimerAnomalies}), their
 * results, {@link io.timerbeam.transforms.ModelSpec}, the column contract
 * ({@link io.timerbeam.transforms.Columns}) and the one-series-per-call face for SQL aggregates
 * ({@code OneSeriesForecaster}, {@code OneSeriesEvaluator}, {@code OneSeriesDetector},
 * {@code OneSeriesOutcome}). Everything else is a stage of the data path, named after it:
 *
 * <ol>
 *   <li>gather: the points of each series, bounded ({@code GatherInBundleFn}, {@code GatherPointsFn},
 *       {@code SeriesPointsCoder});
 *   <li>assemble: the grid rules of {@code io.timerbeam.model.series} ({@code AssemblyRules}) and the
 *       cut into contexts to forecast ({@code ContextCutter}: one per series, or per backtest window
 *       ({@code WindowCutter}) or anomaly window ({@code AnomalyCutter})), in {@code AssembleSeriesFn},
 *       giving {@code AssembledContext}s;
 *   <li>batch: contexts of similar length into engine batches ({@code BatchContexts},
 *       {@code BatchInKeyedStateFn}, {@code TokenBucket});
 *   <li>forecast: one engine call per batch ({@code ForecastFn}, {@code ModelHolder},
 *       {@code ArrowContextBatch}), whose answer becomes rows ({@code HeadOutputs}: {@code ForecastOutputs},
 *       {@code BacktestOutputs}, {@code AnomalyOutputs}, {@code ConformalOutputs}).
 * </ol>
 */
package io.timerbeam.transforms;
