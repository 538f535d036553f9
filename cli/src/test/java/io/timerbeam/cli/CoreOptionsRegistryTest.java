package io.timerbeam.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.junit.Test;

public class CoreOptionsRegistryTest {
  private final ClassLoader app = CoreOptionsRegistryTest.class.getClassLoader();

  @Test
  public void onlyTheCoreJarsRegistrarsAreVisible() throws Exception {
    List<URL> all = Collections.list(app.getResources(CoreOptionsRegistry.SERVICE));
    assertTrue("the test classpath has registrars beyond core's (GCP, SQL, runners): " + all, all.size() > 2);
    List<URL> kept = Collections.list(CoreOptionsRegistry.coreOnly(app).getResources(CoreOptionsRegistry.SERVICE));
    assertEquals(1, kept.size());
    assertTrue(kept.get(0).toString(), kept.get(0).toString().contains("beam-sdks-java-core-"));
  }

  @Test
  public void otherResourcesAndServicesPassThrough() throws Exception {
    String runners = "META-INF/services/org.apache.beam.sdk.runners.PipelineRunnerRegistrar";
    assertEquals(Collections.list(app.getResources(runners)), Collections.list(CoreOptionsRegistry.coreOnly(app).getResources(runners)));
    assertEquals(app.loadClass("org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions"),
        CoreOptionsRegistry.coreOnly(app).loadClass("org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions"));
  }
}
