package io.timerbeam.io;

import static org.junit.Assert.assertEquals;

import io.timerbeam.model.Fixtures;
import io.timerbeam.transforms.Columns;
import io.timerbeam.transforms.ForecastResult;
import io.timerbeam.transforms.ModelSpec;
import io.timerbeam.transforms.TimerForecast;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.errorhandling.BadRecord;
import org.apache.beam.sdk.transforms.errorhandling.ErrorHandler.BadRecordErrorHandler;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A read declares the columns once: the forecast takes them from its roles, and both stages' failures are one schema. */
public class OneFailureSchemaTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void readFailuresAndForecastFailuresFlattenIntoOneCollection() throws IOException {
    Path csv = folder.getRoot().toPath().resolve("sales.csv");
    Files.write(csv, String.join("\n", "store,day,sales", "short,2024-01-01,1", "short,2024-01-02,2",
        "bad,2024-01-03,abc").getBytes(StandardCharsets.UTF_8));
    ObservationReadResult read = pipeline.apply(ForecastIO.readObservations().from(ObservationSource.csv(csv.toString()))
        .withIdColumns("store").withTimestampColumn("day").withValueColumn("sales"));
    ForecastResult forecast = read.observations().apply(TimerForecast.forecasts().withHorizon(2)
        .withModel(ModelSpec.of(Fixtures.checkpoint(Fixtures.TINY).toString())));

    assertEquals(read.failures().getSchema(), forecast.failures().getSchema());
    PCollection<Row> all = PCollectionList.of(read.failures()).and(forecast.failures()).apply(Flatten.pCollections());
    PAssert.that(all.apply(MapElements.into(TypeDescriptors.strings())
            .via(f -> f.getString("store") + "/" + f.getString(Columns.ERROR_CODE))))
        .containsInAnyOrder("bad/" + ObservationReadResult.UNREADABLE_RECORD, "short/too_few_observations");
    pipeline.run().waitUntilFinish();
  }

  /** A sink of bad records: each as its description. */
  private static final class Describe extends PTransform<PCollection<BadRecord>, PCollection<String>> {
    @Override
    public PCollection<String> expand(PCollection<BadRecord> records) {
      return records.apply(MapElements.into(TypeDescriptors.strings()).via(r -> r.getFailure().getDescription()));
    }
  }

  @Test
  public void readFailuresGoToAnErrorHandlerAsBadRecords() throws IOException {
    Path csv = folder.getRoot().toPath().resolve("bad.csv");
    Files.write(csv, String.join("\n", "unique_id,ds,y", "a,2024-01-01,1", "a,2024-01-02,x").getBytes(StandardCharsets.UTF_8));
    BadRecordErrorHandler<PCollection<String>> handler;
    try (BadRecordErrorHandler<PCollection<String>> h = pipeline.registerBadRecordErrorHandler(new Describe())) {
      handler = h;
      pipeline.apply(ForecastIO.readObservations().from(ObservationSource.csv(csv.toString())).withErrorHandler(h));
    }
    PAssert.that(handler.getOutput()).containsInAnyOrder(ObservationReadResult.UNREADABLE_RECORD + ": " + csv
        + ":3: value column 'y': non-numeric value 'x'; record: a,2024-01-02,x");
    pipeline.run().waitUntilFinish();
  }
}
