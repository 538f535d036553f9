package io.timerbeam.transforms;

import io.timerbeam.model.series.Frequency;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.display.HasDisplayData;
import org.junit.Test;

/** What a runner's UI shows for the transforms: every option, the model spec included. */
public class DisplayDataTest {
  /** key -> value as a string; a sub-component's keys prefixed by its include path, {@code [a/b]key}. */
  static Map<String, String> items(HasDisplayData component) {
    Map<String, String> out = new TreeMap<>();
    for (DisplayData.Item item : DisplayData.from(component).items()) {
      String path = String.join("/", item.getPath().getComponents());
      out.put(path.isEmpty() ? item.getKey() : "[" + path + "]" + item.getKey(), String.valueOf(item.getValue()));
    }
    return out;
  }

  @Test
  public void forecastShowsItsOptionsAndModel() {
    Map<String, String> items = items(TimerForecast.forecasts()
        .withIdColumns("store", "sku")
        .withTimestampColumn("ds")
        .withValueColumn("y")
        .withHorizon(12)
        .withFrequency(Frequency.days(1))
        .withTimeZone(java.time.ZoneId.of("Europe/Berlin"))
        .withBatchSize(64)
        .withModel(ModelSpec.of("/models/timer").withCompute(io.timerbeam.model.ComputePrecision.FLOAT16).withThreads(3).withModelId("prod")));
    assertEquals("store,sku", items.get("idColumns"));
    assertEquals("ds", items.get("timestampColumn"));
    assertEquals("y", items.get("valueColumn"));
    assertEquals("12", items.get("horizon"));
    assertEquals("64", items.get("batchSize"));
    assertEquals(Frequency.days(1).toString(), items.get("frequency"));
    assertEquals("Europe/Berlin", items.get("timeZone"));
    assertEquals("/models/timer", items.get("[model]checkpoint"));
    assertEquals("float16", items.get("[model]compute"));
    assertEquals("3", items.get("[model]threads"));
    assertEquals("prod", items.get("[model]modelId"));
    assertFalse("unset options are left out", items.containsKey("duplicates"));
  }

  @Test
  public void backtestShowsItsWindowsAndTheForecastOptions() {
    Map<String, String> items = items(TimerForecast.backtest()
        .withIdColumns("id")
        .withHorizon(7)
        .withWindows(3)
        .withStep(5)
        .withModel(ModelSpec.of("/models/timer")));
    assertEquals("3", items.get("windows"));
    assertEquals("5", items.get("step"));
    assertFalse(items.containsKey("season"));
    assertEquals("7", items.get("[forecast]horizon"));
    assertEquals("/models/timer", items.get("[forecast/model]checkpoint"));
  }
}
