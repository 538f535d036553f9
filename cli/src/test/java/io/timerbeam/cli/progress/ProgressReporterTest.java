package io.timerbeam.cli.progress;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.cli.progress.ProgressReporter.Unit;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class ProgressReporterTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong now = new AtomicLong(5 * SECOND);
  private final StringWriter text = new StringWriter();

  private ProgressReporter reporter(long total, Unit unit, boolean terminal) {
    return new ProgressReporter("forecast", () -> total, unit, done::get, new PrintWriter(text), terminal, now::get);
  }

  @Test
  public void logLineGivesCountsPercentRateAndEta() {
    ProgressReporter p = reporter(1000, Unit.SERIES, false);
    assertEquals("forecast: 250/1000 series (25%), 50.0 series/s, ETA 0:15", p.line(250, 5 * SECOND));
  }

  @Test
  public void terminalLineHasABar() {
    ProgressReporter p = reporter(1000, Unit.SERIES, true);
    assertEquals("forecast [######..................] 25% 250/1000 series 50.0 series/s ETA 0:15", p.line(250, 5 * SECOND));
  }

  @Test
  public void etaIsUnknownBeforeAnyProgress() {
    assertEquals("forecast: 0/10 series (0%), 0.0 series/s, ETA ?", reporter(10, Unit.SERIES, false).line(0, 0));
  }

  @Test
  public void bytesAreWrittenInMegabytesAndWorkDoneBeforeTheStartDoesNotCountTowardsTheRate() {
    done.set(100_000_000); // a resumed download: 100 MB were already there
    ProgressReporter p = reporter(500_000_000, Unit.BYTES, false);
    assertEquals("forecast: 300.0/500.0 MB (60%), 20.0 MB/s, ETA 0:10", p.line(300_000_000, 10 * SECOND));
  }

  @Test
  public void longEtasUseHours() {
    assertEquals("1:01:05", ProgressReporter.clock(3665));
    assertEquals("2:05", ProgressReporter.clock(125.4));
  }

  @Test
  public void terminalReportsRedrawOneLineAndCloseEndsWithTheSummary() {
    ProgressReporter p = reporter(100, Unit.SERIES, true);
    done.set(10);
    now.addAndGet(SECOND);
    p.report();
    done.set(100);
    now.addAndGet(SECOND);
    p.report();
    p.close();
    String[] lines = text.toString().split("\n", -1);
    assertEquals(2, lines.length);
    assertTrue(lines[0], lines[0].startsWith("\rforecast [##"));
    assertTrue(lines[0], lines[0].contains("\rforecast [########################] 100% 100/100 series"));
    assertTrue(lines[0], lines[0].endsWith("\rforecast: done 100/100 series in 0:02, 50.0 series/s"));
    assertEquals("", lines[1]);
  }

  @Test
  public void aMessageOnATerminalFirstClearsTheLiveLine() {
    ProgressReporter p = reporter(100, Unit.SERIES, true);
    done.set(10);
    p.report();
    int live = text.toString().length() - 1; // without the leading \r
    p.println("model.safetensors: connection lost");
    assertTrue(text.toString(), text.toString().endsWith("\r" + " ".repeat(live) + "\rmodel.safetensors: connection lost\n"));
  }

  @Test
  public void logReportsArePlainLines() {
    ProgressReporter p = reporter(100, Unit.SERIES, false);
    done.set(40);
    now.addAndGet(2 * SECOND);
    p.report();
    p.close();
    assertEquals("forecast: 40/100 series (40%), 20.0 series/s, ETA 0:03\n"
        + "forecast: done 40/100 series in 0:02, 20.0 series/s\n", text.toString());
  }
  /**
   * Work counted in one phase only: before it the line says what is happening instead of a total that
   * still grows (no percent, no ETA); the rate and the closing line's rate count only that phase.
   */
  @Test
  public void beforeAndAfterTheCountedPhaseTheLineSaysWhatHappensAndTheRateIsThePhasesOwn() {
    AtomicLong total = new AtomicLong();
    java.util.concurrent.atomic.AtomicReference<String> waiting = new java.util.concurrent.atomic.AtomicReference<>("starting");
    ProgressReporter p = new ProgressReporter("forecast", total::get, Unit.SERIES, done::get, waiting::get, "forecasting",
        new PrintWriter(text), false, now::get);
    now.addAndGet(10 * SECOND);
    total.set(600);
    waiting.set("reading and assembling series: 600 so far");
    p.report();
    now.addAndGet(10 * SECOND);
    total.set(1000);
    done.set(100); // failed while assembling: before the forecasting, not part of its rate
    waiting.set(null);
    p.report(); // forecasting from here: 20 s after the start
    now.addAndGet(10 * SECOND);
    done.set(600);
    p.report();
    now.addAndGet(10 * SECOND);
    done.set(1000);
    waiting.set("writing the outputs (1000/1000 series forecast or failed)");
    p.report();
    now.addAndGet(20 * SECOND);
    p.close();
    assertEquals("forecast: reading and assembling series: 600 so far\n"
        + "forecast: 100/1000 series (10%), 0.0 series/s, ETA ?\n"
        + "forecast: 600/1000 series (60%), 50.0 series/s, ETA 0:08\n"
        + "forecast: writing the outputs (1000/1000 series forecast or failed)\n"
        + "forecast: done 1000/1000 series in 1:00; forecasting 0:10 at 50.0 series/s\n", text.toString());
  }

  /** A runner that gives its counts only at the end (Flink's batch run): no rate is made up. */
  @Test
  public void workNeverSeenCountingClosesWithoutARate() {
    java.util.concurrent.atomic.AtomicReference<String> waiting = new java.util.concurrent.atomic.AtomicReference<>("running");
    ProgressReporter p = new ProgressReporter("forecast", () -> 27, Unit.SERIES, done::get, waiting::get, "forecasting",
        new PrintWriter(text), false, now::get);
    now.addAndGet(21 * SECOND);
    done.set(27);
    p.close();
    assertEquals("forecast: done 27/27 series in 0:21\n", text.toString());
  }
}
