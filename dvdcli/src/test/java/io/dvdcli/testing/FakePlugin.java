package io.dvdcli.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A scriptable volume plugin on a real UNIX socket, for reproducing what third-party plugins do on
 * the wire. Each method answers what the test set (default: a well-behaved plugin) and every
 * request is recorded with its headers and body.
 */
public final class FakePlugin implements AutoCloseable {
  public record Reply(int status, String contentType, String body, Duration delay) {
    public static Reply json(String body) {
      return new Reply(200, "application/vnd.docker.plugins.v1.2+json", body, Duration.ZERO);
    }

    public static Reply status(int status, String contentType, String body) {
      return new Reply(status, contentType, body, Duration.ZERO);
    }

    public Reply after(Duration delay) {
      return new Reply(status, contentType, body, delay);
    }
  }

  public record Recorded(String method, String body, Map<String, String> headers) {}

  private final Server server;
  private final Path socket;
  private final Map<String, Function<String, Reply>> replies = new ConcurrentHashMap<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  private FakePlugin(Path socket) throws Exception {
    this.socket = socket;
    Files.deleteIfExists(socket);
    server = new Server(new QueuedThreadPool(16, 2));
    UnixDomainServerConnector connector = new UnixDomainServerConnector(server);
    connector.setUnixDomainPath(socket);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = Request.getPathInContext(request).substring(1);
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        Map<String, String> headers = new ConcurrentHashMap<>();
        request.getHeaders().forEach(f -> headers.put(f.getName().toLowerCase(), f.getValue()));
        requests.add(new Recorded(method, body, headers));
        Function<String, Reply> scripted = replies.get(method);
        Reply reply = scripted != null ? scripted.apply(body) : defaultReply(method, body);
        if (!reply.delay().isZero()) {
          // A "hung" reply ends early when the test closes the plugin, so close() is quick.
          closing.await(reply.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        Content.Sink.write(response, true, reply.body(), callback);
        return true;
      }
    });
    server.start();
  }

  public static FakePlugin start(Path socket) throws Exception {
    return new FakePlugin(socket);
  }

  public Path socket() {
    return socket;
  }

  public FakePlugin on(String method, Reply reply) {
    replies.put(method, body -> reply);
    return this;
  }

  /** Answers {@code method} with what {@code reply} makes of the request body: a plugin with state. */
  public FakePlugin on(String method, Function<String, Reply> reply) {
    replies.put(method, reply);
    return this;
  }

  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  public List<String> methods() {
    return requests.stream().map(Recorded::method).toList();
  }

  private static Reply defaultReply(String method, String body) {
    String name = body.replaceAll("(?s).*\"Name\":\"([^\"]*)\".*", "$1");
    return switch (method) {
      case "Plugin.Activate" -> Reply.json("{\"Implements\":[\"VolumeDriver\"]}");
      case "VolumeDriver.Get" -> Reply.json("{\"Volume\":{\"Name\":\"" + name + "\"},\"Err\":\"\"}");
      case "VolumeDriver.Mount", "VolumeDriver.Path" -> Reply.json("{\"Mountpoint\":\"/mnt/" + name + "\",\"Err\":\"\"}");
      case "VolumeDriver.List" -> Reply.json("{\"Volumes\":[{\"Name\":\"a\"},{\"Name\":\"b\",\"Mountpoint\":\"/mnt/b\"}]}");
      case "VolumeDriver.Capabilities" -> Reply.json("{\"Capabilities\":{\"Scope\":\"global\"}}");
      case "VolumeDriver.Create", "VolumeDriver.Remove", "VolumeDriver.Unmount" -> Reply.json("{\"Err\":\"\"}");
      default -> Reply.status(404, "text/plain", "404 page not found\n");
    };
  }

  @Override
  public void close() throws Exception {
    closing.countDown();
    server.stop();
    Files.deleteIfExists(socket);
  }
}
