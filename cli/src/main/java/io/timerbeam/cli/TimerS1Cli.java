package io.timerbeam.cli;

import io.timerbeam.cli.hub.HubException;
import io.timerbeam.model.InvalidModelException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code timers1}: the command line. Errors are one line and a non-zero exit; stack traces with --verbose. */
@Command(
    name = "timers1",
    mixinStandardHelpOptions = true,
    version = "timers1 0.1.0",
    description = "Timer-S1 time-series forecasting on the JVM.",
    subcommands = {ForecastCommand.class, EvaluateCommand.class, DetectCommand.class, InspectCommand.class, BenchCommand.class, InitCommand.class, SoakCommand.class, DownloadCommand.class})
public final class TimerS1Cli implements Runnable {
  @Option(names = "--verbose", description = "Print stack traces on errors.", scope = CommandLine.ScopeType.INHERIT)
  boolean verbose;

  /** Levels of the bundled slf4j-simple logger; it reads its level when the first logger is made, after parsing. */
  enum LogLevel { ERROR, WARN, INFO, DEBUG }

  @Option(names = "--log-level", paramLabel = "LEVEL", scope = CommandLine.ScopeType.INHERIT,
      description = "error, warn, info or debug: what the libraries log to stderr (default warn).")
  void logLevel(LogLevel level) {
    String name = level.name().toLowerCase(java.util.Locale.ROOT);
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", name);
    if (level == LogLevel.INFO || level == LogLevel.DEBUG) {
      // Asked for more: the loggers simplelogger.properties quiets speak too (system properties come first).
      java.util.Properties quieted = new java.util.Properties();
      try (java.io.InputStream in = TimerS1Cli.class.getResourceAsStream("/simplelogger.properties")) {
        if (in != null) {
          quieted.load(in);
        }
      } catch (java.io.IOException e) {
        return; // the bundled file is unreadable: the default level still applies
      }
      quieted.stringPropertyNames().stream().filter(key -> key.startsWith("org.slf4j.simpleLogger.log."))
          .forEach(key -> System.setProperty(key, name));
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "Missing subcommand");
  }

  public static void main(String[] args) {
    ProcessTempDirectories.removeStaleOnStart();
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    TimerS1Cli root = new TimerS1Cli();
    CommandLine cli = new CommandLine(root).setCaseInsensitiveEnumValuesAllowed(true);
    HelpExamples.addTo(cli);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((e, given) -> { // one line, not the whole usage
      List<String> suggestions = e instanceof UnmatchedArgumentException ? ((UnmatchedArgumentException) e).getSuggestions() : List.of();
      err.println("timers1: " + e.getMessage() + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions))
          + " (see " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
      err.flush();
      return 2;
    });
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      boolean verbose = parsed.matchedOptionValue("--verbose", false) || root.verbose;
      if (verbose) {
        e.printStackTrace(err);
      }
      Throwable badCheckpoint = badCheckpoint(e);
      err.println("timers1: " + describe(badCheckpoint != null ? badCheckpoint : e));
      err.flush();
      return badCheckpoint != null || isBadInput(e) ? 2 : 1;
    });
    return cli.execute(args);
  }

  /** Errors the user can fix by changing the command: exit code 2. */
  private static boolean isBadInput(Exception e) {
    return e instanceof IllegalArgumentException
        || e instanceof java.nio.file.NoSuchFileException || e instanceof java.nio.file.AccessDeniedException
        || (e instanceof HubException && ((HubException) e).isClientError());
  }

  /** A bad checkpoint, however deep a runner wrapped it, or null. */
  private static Throwable badCheckpoint(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidModelException) {
        return cause;
      }
    }
    return null;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + message;
    }
    return message == null ? e.toString() : message;
  }
}
