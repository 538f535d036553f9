package io.timerbeam.cli.job;

import io.timerbeam.model.ComputePrecision;
import io.timerbeam.model.ResidentPrecision;
import io.timerbeam.model.series.Aggregation;
import io.timerbeam.transforms.Columns;
import java.nio.file.Path;
import java.util.List;

/** What the main job reads, forecasts and writes: the command line's options, for {@link ForecastJob}. */
public class ForecastJobSpec {
  public String input;
  public String inputTable;
  public String inputQuery;
  /** Parallel queries reading a database or Parquet input (1: one query; 0: one per worker). */
  public int partitions = 0;
  /** The workers the run gets (--parallelism, else this machine's cores): what partitions 0 means. */
  public int workers = 1;
  /** Column cut into {@link #partitions} ranges; null: split by a hash of the id columns. */
  public String partitionColumn;
  public String output = "forecasts.duckdb";
  public String outputTable = "forecasts";
  public List<String> idColumns = List.of(Columns.UNIQUE_ID);
  public String timestampColumn = Columns.DS;
  public String valueColumn = Columns.Y;
  public String timeZone = "UTC";
  /** Every column but the timestamp is one series (CSV input). */
  public boolean wide;
  public int horizon = 12;
  public Integer contextLength;
  public String frequency;
  public Path model;
  public String device = "cpu";
  public ResidentPrecision resident = ResidentPrecision.HALF;
  public ComputePrecision compute = ComputePrecision.FLOAT32;
  public boolean rawQuantiles;
  /** How points sharing a timestamp are combined; null rejects such series. */
  public Aggregation duplicates;
  /** How points off the frequency grid are bucketed; null rejects such series. */
  public Aggregation resampling;
  public Integer minObservations;
  public Double confidenceLevel;
  /** Several interval levels as fractions (0.8, 0.6): a lower and upper column per level; null for the single-level columns. */
  public List<Double> levels;
  public ColumnStyle columnStyle = ColumnStyle.BIGQUERY;
  /** File receiving the printed summary as JSON, or null for none. */
  public Path summaryJson;
  /** CSV file that receives every row or series that could not be read or forecast, with its reason. */
  public Path failures = Path.of("forecast-failures.csv");
  /** PNG fan chart of the first {@link #plotSeries} series (by id), or null for none. */
  public Path plot;
  public int plotSeries = 6;
  /** True when {@link #model} is the seeded-random demo checkpoint: the plot says its forecasts are meaningless. */
  public boolean demoWeights;
}
