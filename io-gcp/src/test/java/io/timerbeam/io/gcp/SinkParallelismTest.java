package io.timerbeam.io.gcp;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.io.ForecastFixtures;
import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.jdbc.SqlForecastSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Writes run per bundle wherever the forecasts are: between the forecast rows and the DoFn that
 * writes them (the JDBC upsert, BigQuery's temp-file writer) there is no GroupByKey, which would
 * funnel rows through keys and the workers that own them.
 */
public class SinkParallelismTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void jdbcUpsertRunsOnTheForecastBundles() {
    PCollection<Row> forecasts = forecasts();
    forecasts.apply(
        ForecastIO.writeForecasts()
            .to(SqlForecastSink.of(
                JdbcIO.DataSourceConfiguration.create("org.postgresql.Driver", "jdbc:postgresql://nowhere/db"),
                "forecasts").withoutCheckBeforeRun())); // no database: only the graph is inspected
    assertEquals(List.of("UpsertFn"), writersReachedUngrouped(pipeline, forecasts, "UpsertFn"));
  }

  @Test
  public void bigQueryLoadWritesFilesOnTheForecastBundles() {
    pipeline.getOptions().as(GcpOptions.class).setProject("test-project");
    pipeline.getOptions().setTempLocation(folder.getRoot().getAbsolutePath());
    PCollection<Row> forecasts = forecasts();
    forecasts.apply(
        ForecastIO.writeForecasts()
            .to(BigQueryForecastSink.of(
                "test-project:forecasting.forecasts",
                BigQueryIO.<Row>write().withoutValidation())
                .withTestServices(new FakeBigQueryServices())
                .withoutCheckBeforeRun())); // no dataset service: only the graph is inspected
    assertEquals(
        List.of("WriteBundlesToFiles"), writersReachedUngrouped(pipeline, forecasts, "WriteBundlesToFiles"));
  }

  private PCollection<Row> forecasts() {
    pipeline.enableAbandonedNodeEnforcement(false);
    return pipeline.apply(
        Create.of(ForecastFixtures.rows(2, 2, 0.0)).withRowSchema(ForecastFixtures.SCHEMA));
  }

  /**
   * The simple names of the DoFns named {@code writer} whose input descends from {@code rows}
   * through primitives other than GroupByKey.
   */
  private static List<String> writersReachedUngrouped(
      Pipeline pipeline, PCollection<Row> rows, String writer) {
    Set<PValue> ungrouped = new HashSet<>();
    ungrouped.add(rows);
    List<String> reached = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            PTransform<?, ?> transform = node.getTransform();
            boolean fed = node.getInputs().values().stream().anyMatch(ungrouped::contains);
            if (transform instanceof ParDo.MultiOutput) {
              String fn = ((ParDo.MultiOutput<?, ?>) transform).getFn().getClass().getSimpleName();
              if (fn.equals(writer)) {
                seen.add(fn);
                if (fed) {
                  reached.add(fn);
                }
              }
            }
            if (fed && !(transform instanceof GroupByKey)) {
              ungrouped.addAll(node.getOutputs().values());
            }
          }
        });
    assertTrue("the pipeline has a " + writer + " step", !seen.isEmpty());
    return reached;
  }
}
