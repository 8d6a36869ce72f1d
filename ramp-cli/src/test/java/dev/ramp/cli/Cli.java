package dev.ramp.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import picocli.CommandLine;

/** Runs the ramp command in this process, capturing what it prints. */
public final class Cli {
  private Cli() {}

  public record Result(int exitCode, String out, String err) {}

  public static Result run(String... args) {
    return run(Terminal.NONE, args);
  }

  public static Result run(Terminal terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = RampCommand.commandLine(terminal);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** Runs a command that goes on (a watch) on a thread of its own, until stopped. */
  public static final class Running implements AutoCloseable {
    private final StringWriter out = new StringWriter();
    private final Thread thread;
    private volatile int exitCode = -1;

    public Running(String... args) {
      CommandLine commandLine = RampCommand.commandLine(Terminal.NONE);
      commandLine.setOut(new PrintWriter(out, true));
      commandLine.setErr(new PrintWriter(new StringWriter(), true));
      thread = new Thread(() -> exitCode = commandLine.execute(args), "ramp " + args[0]);
      thread.start();
    }

    public String out() {
      return out.toString();
    }

    /** Waits for a command that ends by itself, and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
      thread.join(timeout.toMillis());
      return exitCode;
    }

    /** Stops the command as Ctrl-C would. */
    @Override
    public void close() throws InterruptedException {
      thread.interrupt();
      thread.join(10_000);
    }
  }
}
