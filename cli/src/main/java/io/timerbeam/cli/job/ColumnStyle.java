package io.timerbeam.cli.job;

/** How the written forecast columns are named. */
public enum ColumnStyle {
  /** BigQuery AI.FORECAST's names, as the transform writes them. */
  BIGQUERY,
  /** Nixtla's: unique_id, ds, the model's name for the median and NAME-lo-L / NAME-hi-L for the bands; see {@link NixtlaColumns}. */
  NIXTLA
}
