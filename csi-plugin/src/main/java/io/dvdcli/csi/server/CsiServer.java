package io.dvdcli.csi.server;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * gRPC over UNIX sockets (Netty's epoll transport, shaded into grpc-java): the CSI endpoint, and
 * kubelet's registration socket when asked for. Calls run on a bounded pool, since each one may
 * wait minutes on a Docker plugin; more calls than threads queue rather than fail. The pool is
 * small: a thread pool makes a new thread for every call until it has its core size, idle ones
 * or not, and each thread costs memory for good (64 cost the server some 10 MiB of RSS); and the
 * calls on one plugin wait their turn anyway (--plugin-concurrency).
 */
public final class CsiServer implements AutoCloseable {
  static final int CALL_THREADS = 16;

  private final EventLoopGroup boss = new EpollEventLoopGroup(1);
  private final EventLoopGroup workers = new EpollEventLoopGroup(2);
  private final ThreadPoolExecutor calls = new ThreadPoolExecutor(CALL_THREADS, CALL_THREADS, 30, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(), runnable -> {
        Thread t = new Thread(runnable, "csi-call");
        t.setDaemon(true);
        return t;
      });
  private final List<Server> servers = new ArrayList<>();
  private final List<Path> sockets = new ArrayList<>();

  public CsiServer() {
    calls.allowCoreThreadTimeOut(true);
  }

  /** Serves {@code services} on {@code socket}, replacing a stale socket file left by a killed server. */
  public void serve(Path socket, CallLog log, List<ServerServiceDefinition> services) throws IOException {
    Files.createDirectories(socket.getParent());
    removeStaleSocket(socket);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
        .channelType(EpollServerDomainSocketChannel.class)
        .bossEventLoopGroup(boss)
        .workerEventLoopGroup(workers)
        .executor(calls);
    for (ServerServiceDefinition service : services) {
      builder.addService(ServerInterceptors.intercept(service, new ThrownStatuses(), log));
    }
    Server server = builder.build().start();
    servers.add(server);
    sockets.add(socket);
  }

  private static void removeStaleSocket(Path socket) throws IOException {
    if (!Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    BasicFileAttributes attributes = Files.readAttributes(socket, BasicFileAttributes.class,
        java.nio.file.LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isOther()) {
      throw new IOException(socket + " exists and is not a socket; refusing to replace it");
    }
    Files.delete(socket);
  }

  /** Stops taking calls, lets running ones finish for up to {@code graceSeconds}, removes the sockets. */
  public void stop(long graceSeconds) {
    for (Server server : servers) {
      server.shutdown();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
    for (Server server : servers) {
      try {
        if (!server.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          server.shutdownNow();
        }
      } catch (InterruptedException e) {
        server.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    calls.shutdownNow();
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    for (Path socket : sockets) {
      try {
        Files.deleteIfExists(socket);
      } catch (IOException ignored) {
        // a leftover socket file is replaced by the next start
      }
    }
  }

  @Override
  public void close() {
    stop(5);
  }
}
