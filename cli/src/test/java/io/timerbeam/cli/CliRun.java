package io.timerbeam.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line in this JVM, with what it printed. */
final class CliRun {
  final int exitCode;
  final String out;
  final String err;

  private CliRun(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TimerS1Cli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The last line on stderr, where errors go. */
  String errorLine() {
    String[] lines = err.strip().split("\n");
    return lines[lines.length - 1];
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
