package io.timerbeam.it.flink;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few calls of the JobManager's REST API the tests need. */
final class FlinkRest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;

  FlinkRest(int port) {
    this.base = "http://localhost:" + port;
  }

  /** Registered TaskManagers, or -1 while the REST endpoint is not up yet. */
  int registeredTaskManagers() throws InterruptedException {
    try {
      return get("/taskmanagers").getAsJsonArray("taskmanagers").size();
    } catch (IOException e) {
      return -1;
    }
  }

  /** The failures a job went through (restarts), from its exception history. */
  int exceptionHistorySize(String jobId) throws IOException, InterruptedException {
    JsonElement entries = get("/jobs/" + jobId + "/exceptions").getAsJsonObject("exceptionHistory").get("entries");
    return entries.getAsJsonArray().size();
  }

  /** The id of the only job in state RUNNING, or null. */
  String runningJob() throws IOException, InterruptedException {
    String found = null;
    for (JsonElement job : get("/jobs").getAsJsonArray("jobs")) {
      if (job.getAsJsonObject().get("status").getAsString().equals("RUNNING")) {
        if (found != null) {
          throw new IllegalStateException("more than one running job");
        }
        found = job.getAsJsonObject().get("id").getAsString();
      }
    }
    return found;
  }

  private JsonObject get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }
}
