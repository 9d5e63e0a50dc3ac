package io.dvdcli.shim.driver;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one command the way the agent runs dvdcli: an argv (never a shell), stdin /dev/null, stdout
 * and stderr captured in full, and on timeout the whole process tree SIGKILLed.
 */
public final class ProcessRunner {
  /** How a finished command ended. */
  public record Outcome(int exitStatus, String stdout, String stderr) {}

  /** The command outlived its time limit and was killed with everything it started. */
  public static final class TimedOut extends Exception {
    public TimedOut(Duration limit) {
      super("timed out after " + Durations.describe(limit) + "; its process tree was killed");
    }
  }

  private final Map<String, String> environment;

  /** @param environment variables added to this process's own for every command */
  public ProcessRunner(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  public Outcome run(List<String> argv, Duration timeout) throws IOException, TimedOut {
    return run(argv, timeout, DvdcliCalls.Started.IGNORE);
  }

  /** As {@link #run(List, Duration)}, telling {@code started} the process as soon as it runs. */
  public Outcome run(List<String> argv, Duration timeout, DvdcliCalls.Started started)
      throws IOException, TimedOut {
    ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(new File("/dev/null"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      started.process(process.toHandle());
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        ProcessTree.kill(process.toHandle());
        throw new TimedOut(timeout);
      }
      // A grandchild may still hold the pipes open; the time limit covers that too.
      long left = Math.max(0, deadline - System.nanoTime());
      String stdout = out.get(left, TimeUnit.NANOSECONDS);
      String stderr = err.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return new Outcome(process.exitValue(), stdout, stderr);
    } catch (TimeoutException e) {
      ProcessTree.kill(process.toHandle());
      throw new TimedOut(timeout);
    } catch (InterruptedException e) {
      ProcessTree.kill(process.toHandle());
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for '" + argv.get(0) + "'", e);
    } catch (IOException e) {
      ProcessTree.kill(process.toHandle());
      throw e;
    } catch (ExecutionException e) {
      ProcessTree.kill(process.toHandle());
      throw new IOException("cannot read the output of '" + argv.get(0) + "': " + e.getCause().getMessage(), e);
    } finally {
      process.getInputStream().close();
      process.getErrorStream().close();
    }
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (stream) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        stream.transferTo(buffer);
        text.complete(buffer.toString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        text.completeExceptionally(new UncheckedIOException(e));
      }
    }, "process-output");
    reader.setDaemon(true);
    reader.start();
    return text;
  }
}
