package io.timerbeam.cli;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/**
 * Loads Beam's PipelineOptions registry with the SDK core's registrars only. The command line
 * builds its options with {@code as(...)}, which takes any options interface, registered or not,
 * so the registrars of the GCP, SQL and runner jars buy it nothing while their reflection costs
 * seconds at the registry's first use (measured on 2 cores: 6.3-6.7 s for all, 3.1-4.2 s for
 * core's). The registry is loaded once per JVM, through the thread's context class loader, so this
 * hides the other registrars' service files from that first load; a JVM where Beam already loaded
 * it is left as it is.
 */
final class CoreOptionsRegistry {
  static final String SERVICE = "META-INF/services/" + PipelineOptionsRegistrar.class.getName();

  private CoreOptionsRegistry() {}

  /** Loads the registry now (if nothing did before), with core's registrars only. */
  static void load() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(coreOnly(CoreOptionsRegistry.class.getClassLoader()));
    try {
      PipelineOptionsFactory.getRegisteredOptions();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** {@code parent}, except that the options registrar service files of jars other than the SDK core's are hidden. */
  static ClassLoader coreOnly(ClassLoader parent) {
    // A class literal does not initialise the class: the registry is not loaded by naming it here.
    String core = "jar:" + PipelineOptionsFactory.class.getProtectionDomain().getCodeSource().getLocation() + "!/";
    return new ClassLoader(parent) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = super.getResources(name);
        if (!name.equals(SERVICE)) {
          return all;
        }
        List<URL> kept = Collections.list(all);
        kept.removeIf(url -> !url.toString().startsWith(core));
        return Collections.enumeration(kept);
      }
    };
  }
}
